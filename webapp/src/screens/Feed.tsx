import { useEffect, useState } from 'preact/hooks';
import { feed, myPosts, type FeedFilter, type Post } from '../api/market';
import { FormField } from '../components/FormField';
import { OutboxList } from '../components/market/OutboxList';
import { PostCard } from '../components/market/PostBits';
import { SignedIn } from '../components/market/SignedIn';
import { useCategories } from '../components/market/useCategories';
import { usePagedList } from '../components/usePagedList';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { MoreButton } from '../components/MoreButton';

const pageSize = 20;

/** "Vraag hulp" and "Bied hulp aan": the two ways in, big and always on top. */
export function AskOfferButtons() {
  const { t } = useI18n();
  return (
    <p class="noaber-ask-offer">
      <a href="/vragen/nieuw?soort=vraag" class="utrecht-button utrecht-button--primary-action noaber-button-link">{t.marketAskHelp}</a>
      <a href="/vragen/nieuw?soort=aanbod" class="utrecht-button utrecht-button--secondary-action noaber-button-link">{t.marketOfferHelp}</a>
    </p>
  );
}

/** /vragen: the feed of requests and offers near me, with filters and "meer laden". */
export function Feed() {
  const { t } = useI18n();
  useTitle(t.marketFeedTitle);
  return <SignedIn>{() => <FeedList />}</SignedIn>;
}

function FeedList() {
  const { t, lang } = useI18n();
  const { categories } = useCategories();
  const [draft, setDraft] = useState<FeedFilter>({ kind: '', category: '', q: '', radiusKm: '' });
  const [filter, setFilter] = useState<FeedFilter>(draft);
  const list = usePagedList<Post, HTMLAnchorElement>((cursor) => feed(filter, cursor, pageSize));
  useEffect(() => void list.load(null), [filter]); // eslint-disable-line react-hooks/exhaustive-deps
  const filtered = Boolean(filter.kind || filter.category || filter.q || filter.radiusKm);

  const apply = (e: Event) => {
    e.preventDefault();
    setFilter({ ...draft });
  };
  const reset = () => {
    const empty = { kind: '' as const, category: '', q: '', radiusKm: '' };
    setDraft(empty);
    setFilter(empty);
  };

  return (
    <>
      <h1 class="utrecht-heading-1">{t.marketFeedTitle}</h1>
      <p class="utrecht-paragraph">{t.marketFeedIntro}</p>
      <AskOfferButtons />
      <OutboxList filter={(i) => i.kind === 'post'} title={t.outboxPostsTitle} />
      <details class="noaber-market-filters" open={filtered}>
        <summary class="noaber-market-filters__summary">{filtered ? t.marketFiltersOn : t.marketFilters}</summary>
        <form role="search" aria-label={t.marketFilters} class="noaber-form noaber-market-filters__form" onSubmit={apply}>
          <FormField id="feed-kind" label={t.marketFilterKind}>
            {(link) => (
              <select {...link} class="utrecht-select utrecht-select--html-select" value={draft.kind}
                onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value as FeedFilter['kind'] })}>
                <option value="">{t.marketFilterAll}</option>
                <option value="request">{t.marketFilterRequests}</option>
                <option value="offer">{t.marketFilterOffers}</option>
              </select>
            )}
          </FormField>
          <FormField id="feed-category" label={t.marketFieldCategory}>
            {(link) => (
              <select {...link} class="utrecht-select utrecht-select--html-select" value={draft.category}
                onChange={(e) => setDraft({ ...draft, category: e.currentTarget.value })}>
                <option value="">{t.marketFilterAllCategories}</option>
                {(categories ?? []).map((c) => <option key={c.id} value={c.id}>{c.labels[lang] || c.labels.nl}</option>)}
              </select>
            )}
          </FormField>
          <FormField id="feed-radius" label={t.marketFilterRadius}>
            {(link) => (
              <select {...link} class="utrecht-select utrecht-select--html-select" value={draft.radiusKm}
                onChange={(e) => setDraft({ ...draft, radiusKm: e.currentTarget.value })}>
                <option value="">{t.marketFilterRadiusDefault}</option>
                {['1', '2', '10', '15'].map((km) => <option key={km} value={km}>{fill(t.marketFilterRadiusKm, { km })}</option>)}
              </select>
            )}
          </FormField>
          <FormField id="feed-q" label={t.marketFilterSearch} hint={t.marketFilterSearchHint}>
            {(link) => (
              <input {...link} type="search" class="utrecht-textbox utrecht-textbox--html-input" value={draft.q}
                maxLength={100} onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })} />
            )}
          </FormField>
          <div class="noaber-actions noaber-actions--row">
            <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit">{t.marketFilterApply}</button>
            {filtered && (
              <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={reset}>
                {t.marketFilterReset}
              </button>
            )}
          </div>
        </form>
      </details>
      <p class="utrecht-paragraph">
        <a class="utrecht-link noaber-action-link" href="/mijn-vragen">{t.navMyPosts}</a>
      </p>
      <div aria-live="polite" class="noaber-visually-hidden">
        {list.items && !list.busy ? (list.items.length ? t.marketResultsShown : t.marketEmptyShort) : ''}
      </div>
      {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
      {list.items === null && list.error === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {list.items?.length === 0 && (
        <div class="noaber-card noaber-empty">
          <p class="utrecht-paragraph">{filtered ? t.marketEmptyFiltered : t.marketEmpty}</p>
          <p class="utrecht-paragraph">{t.marketEmptyAsk}</p>
        </div>
      )}
      {list.items && list.items.length > 0 && (
        <ul class="noaber-post-list" aria-label={t.marketFeedListLabel}>
          {list.items.map((p, i) => <PostCard key={p.id} post={p} categories={categories} linkRef={list.isFirstNew(i) ? list.firstNew : undefined} />)}
        </ul>
      )}
      <MoreButton list={list} />
    </>
  );
}

/** /mijn-vragen: my requests and offers, in every status, and what still waits to be sent. */
export function MyPosts() {
  const { t } = useI18n();
  useTitle(t.myPostsTitle);
  return <SignedIn>{() => <MyPostList />}</SignedIn>;
}

function MyPostList() {
  const { t } = useI18n();
  const { categories } = useCategories();
  const list = usePagedList<Post, HTMLAnchorElement>((cursor) => myPosts(cursor, pageSize));
  useEffect(() => void list.load(null), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <h1 class="utrecht-heading-1">{t.myPostsTitle}</h1>
      <AskOfferButtons />
      <OutboxList filter={(i) => i.kind === 'post'} title={t.outboxPostsTitle} />
      {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
      {list.items === null && list.error === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {list.items?.length === 0 && <p class="utrecht-paragraph">{t.myPostsEmpty}</p>}
      {list.items && list.items.length > 0 && (
        <ul class="noaber-post-list" aria-label={t.myPostsTitle}>
          {list.items.map((p, i) => <PostCard key={p.id} post={p} categories={categories} showStatus linkRef={list.isFirstNew(i) ? list.firstNew : undefined} />)}
        </ul>
      )}
      <MoreButton list={list} />
      <ul class="noaber-link-list">
        <li><a class="utrecht-link noaber-action-link" href="/vakantiestand">{t.pauseTitle}</a></li>
        <li><a class="utrecht-link noaber-action-link" href="/geblokkeerd">{t.blockedTitle}</a></li>
      </ul>
    </>
  );
}
