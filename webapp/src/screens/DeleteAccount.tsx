import { useLocation } from 'preact-iso';
import { useRef, useState } from 'preact/hooks';
import { deleteAccount } from '../api/accounts';
import { useSignedIn } from '../components/useSession';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/**
 * /profiel/verwijderen: the confirmation step. Says in plain words what goes
 * and what stays (anonymous), then one explicit button; "no" is the easy way out.
 */
export function DeleteAccount() {
  const { t } = useI18n();
  const { route } = useLocation();
  useTitle(t.deleteConfirmTitle);
  const me = useSignedIn();
  const [failed, setFailed] = useState(false);
  const busy = useRef(false);
  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;

  async function confirm() {
    if (busy.current) return;
    busy.current = true;
    setFailed(false);
    try {
      await deleteAccount();
      route('/account-verwijderd', true);
    } catch {
      setFailed(true);
    } finally {
      busy.current = false;
    }
  }
  return (
    <>
      <h1 class="utrecht-heading-1">{t.deleteConfirmTitle}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t.deleteConfirmQuestion}</p>
      <h2 class="utrecht-heading-2">{t.deleteRemovedTitle}</h2>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">{t.deleteRemoved1}</li>
        <li class="utrecht-unordered-list__item">{t.deleteRemoved2}</li>
        <li class="utrecht-unordered-list__item">{t.deleteRemoved3}</li>
      </ul>
      <h2 class="utrecht-heading-2">{t.deleteKeptTitle}</h2>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">{t.deleteKept1}</li>
      </ul>
      <p class="utrecht-paragraph"><strong>{t.deleteFinal}</strong></p>
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.errFailed}</p>}
      <div class="noaber-actions">
        <button type="button" class="utrecht-button utrecht-button--primary-action noaber-danger" onClick={confirm}>
          {t.deleteConfirmButton}
        </button>
        <a href="/profiel" class="utrecht-link noaber-action-link">{t.deleteCancel}</a>
      </div>
    </>
  );
}

/** /account-verwijderd: goodbye, after the account was deleted. */
export function AccountDeleted() {
  const { t } = useI18n();
  useTitle(t.deletedTitle);
  return (
    <>
      <h1 class="utrecht-heading-1">{t.deletedTitle}</h1>
      <p class="utrecht-paragraph">{t.deletedText}</p>
      <p class="utrecht-paragraph"><a href="/" class="utrecht-link noaber-action-link">{t.backHome}</a></p>
    </>
  );
}
