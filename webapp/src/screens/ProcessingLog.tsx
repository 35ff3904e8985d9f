import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/problem';
import { processingLog, type ProcessingLogEntry } from '../api/signals';
import { TextField } from '../components/FormField';
import { RoleGate } from '../components/signals/RoleGate';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../signals/model';
import { usePagedList } from '../components/usePagedList';
import { MoreButton } from '../components/MoreButton';

const pageSize = 50;

/** /verwerkingslog: who read or changed which signal, when and why (admins). */
export function ProcessingLog() {
  const { t } = useI18n();
  useTitle(t.logTitle);
  return <RoleGate role="admin" title={t.logTitle}>{() => <LogTable />}</RoleGate>;
}

function LogTable() {
  const { t, lang } = useI18n();
  // The filters as typed, and as last applied (the table shows the applied ones).
  const [signalId, setSignalId] = useState(() => new URLSearchParams(location.search).get('signalId') ?? '');
  const [userId, setUserId] = useState(() => new URLSearchParams(location.search).get('userId') ?? '');
  const applied = useRef({ signalId, userId });
  const { items, next, error, busy, load, firstNew, isFirstNew } = usePagedList<ProcessingLogEntry, HTMLTableRowElement>(
    (cursor) => processingLog({ ...applied.current, cursor, limit: pageSize }));
  const failed = error === null ? null : error instanceof ApiError && error.status === 400 ? t.logBadFilter : t.logFailed;
  useEffect(() => void load(null), []);

  function filter(e: Event) {
    e.preventDefault();
    applied.current = { signalId: signalId.trim(), userId: userId.trim() };
    const q = new URLSearchParams(Object.entries(applied.current).filter(([, v]) => v)).toString();
    history.replaceState(history.state, '', `/verwerkingslog${q ? `?${q}` : ''}`);
    void load(null);
  }

  return (
    <>
      <h1 class="utrecht-heading-1">{t.logTitle}</h1>
      <p class="utrecht-paragraph">{t.logIntro}</p>
      <form class="noaber-form noaber-filters" noValidate onSubmit={filter} role="search" aria-label={t.logFilterTitle}>
        <TextField id="log-signalId" label={t.logFieldSignal} hint={t.logFilterHint} value={signalId} onValue={setSignalId} autocomplete="off" />
        <TextField id="log-userId" label={t.logFieldUser} hint={t.logFilterHint} value={userId} onValue={setUserId} autocomplete="off" />
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit">{t.logFilter}</button>
      </form>
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{failed}</p>}
      {items === null && !failed && <p class="utrecht-paragraph">{t.loading}</p>}
      {items?.length === 0 && <p class="utrecht-paragraph" role="status">{t.logEmpty}</p>}
      {items && items.length > 0 && (
        // A wide table scrolls sideways inside its own box on a phone; the box can take focus to scroll by keyboard.
        <div class="noaber-table-scroll" tabIndex={0} role="region" aria-labelledby="log-caption">
          <table class="noaber-table">
            <caption id="log-caption" class="noaber-table__caption">{t.logCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.logColAt}</th>
                <th scope="col">{t.logColActor}</th>
                <th scope="col">{t.logColSignal}</th>
                <th scope="col">{t.logColAction}</th>
                <th scope="col">{t.logColPurpose}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e, i) => (
                <tr key={e.id} ref={isFirstNew(i) ? firstNew : undefined} tabIndex={isFirstNew(i) ? -1 : undefined}>
                  <td><time dateTime={e.at}>{formatDateTime(lang, e.at)}</time></td>
                  <td>{e.actor?.displayName}</td>
                  <td class="noaber-table__id">{e.signalId ?? '–'}</td>
                  <td>{(t as Record<string, string>)[`logAction_${e.action}`] ?? e.action}</td>
                  <td>{e.purpose}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={{ next, busy, load }} />
    </>
  );
}
