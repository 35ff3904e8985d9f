import type { Ref } from 'preact';
import type { Category, Post, PostKind } from '../../api/market';
import { useI18n } from '../../i18n/i18n';
import { categoryLabel, distanceText, formatDateTime, momentText, postStatusKey } from '../../market/format';
import { CategoryIcon } from './CategoryIcon';

/** "Vraag" or "Aanbod": words first, the colour is extra. */
export function KindBadge({ kind }: { kind: PostKind }) {
  const { t } = useI18n();
  return <span class={`noaber-badge noaber-kind noaber-kind--${kind}`}>{kind === 'offer' ? t.marketKindOffer : t.marketKindRequest}</span>;
}

export function CategoryLine({ categories, id }: { categories: Category[] | null; id: string }) {
  const { lang } = useI18n();
  const icon = categories?.find((c) => c.id === id)?.icon ?? 'dots';
  return (
    <span class="noaber-category">
      <CategoryIcon icon={icon} />
      <span>{categoryLabel(lang, categories, id)}</span>
    </span>
  );
}

/** One post in a list: kind, category, title (the link), who, where, when. */
export function PostCard({ post, categories, showStatus, linkRef }: {
  post: Post; categories: Category[] | null; showStatus?: boolean; linkRef?: Ref<HTMLAnchorElement>;
}) {
  const { t, lang } = useI18n();
  const when = momentText(t, lang, post);
  return (
    <li class="noaber-post-card">
      <p class="noaber-post-card__top">
        <KindBadge kind={post.kind} />
        <CategoryLine categories={categories} id={post.category} />
        {showStatus && <span class={`noaber-badge noaber-badge--post-${post.status}`}>{t[postStatusKey(post.status)]}</span>}
      </p>
      <h2 class="noaber-post-card__title">
        <a ref={linkRef} class="utrecht-link noaber-post-card__link" href={`/vragen/${encodeURIComponent(post.id)}`}>{post.title}</a>
      </h2>
      <p class="noaber-post-card__meta">
        <span>{post.mine ? t.marketByYou : post.author.displayName}</span>
        {post.author.neighbourhood && <span>{post.author.neighbourhood.name}</span>}
        {!post.mine && <span>{distanceText(t, lang, post)}</span>}
      </p>
      {when && <p class="noaber-post-card__when"><span class="noaber-visually-hidden">{t.marketWhen}: </span>{when}</p>}
      <p class="noaber-post-card__placed">
        {t.marketPlaced} <time dateTime={post.createdAt}>{formatDateTime(lang, post.createdAt)}</time>
      </p>
    </li>
  );
}
