import { useEffect, useRef, useState } from 'preact/hooks';
import { declinePost, mySuggestions, type RequestSuggestion } from '../../api/market';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { Reasons } from './Reasons';

/**
 * "Hier kun jij helpen" on the home screen (GET /me/suggestions): up to three
 * requests I could answer, each with its reasons, a link, and "Nee, dank je"
 * (POST /posts/{id}/declines), which removes the card. Nothing to suggest,
 * or an error: the section stays away, the home screen works without it.
 */
export function RequestSuggestions() {
  const { t } = useI18n();
  const [items, setItems] = useState<RequestSuggestion[]>([]);
  const [declined, setDeclined] = useState(false);
  const [failed, setFailed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    mySuggestions(3).then((page) => setItems(page.items), () => undefined);
  }, []);
  const decline = async (id: string) => {
    setFailed(false);
    try {
      await declinePost(id);
      setItems((all) => all.filter((s) => s.post.id !== id));
      setDeclined(true);
      heading.current?.focus(); // the button is gone: keep focus in the section
    } catch {
      setFailed(true);
    }
  };
  if (items.length === 0 && !declined) return null;
  return (
    <section class="noaber-section" aria-labelledby="here-title">
      <h2 id="here-title" class="utrecht-heading-2" tabIndex={-1} ref={heading}>{t.matchHereTitle}</h2>
      <p class="utrecht-paragraph">{t.matchHereIntro}</p>
      <div role="status">
        {declined && <p class="utrecht-paragraph noaber-notice">{t.matchHereDeclined}</p>}
      </div>
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.errFailed}</p>}
      <ul class="noaber-match-list">
        {items.map((s) => (
          <li key={s.post.id} class="noaber-match-card">
            <h3 class="noaber-match-card__name">
              <a class="utrecht-link" href={`/vragen/${encodeURIComponent(s.post.id)}`}
                aria-label={fill(t.matchHereOpen, { title: s.post.title })}>{s.post.title}</a>
            </h3>
            <p class="noaber-muted">{fill(t.matchFrom, { name: s.post.author.displayName, place: s.post.author.neighbourhood.name })}</p>
            <Reasons reasons={s.reasons} />
            <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit"
              aria-label={fill(t.matchHereDeclineLabel, { title: s.post.title })} onClick={() => decline(s.post.id)}>
              {t.matchHereDecline}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
