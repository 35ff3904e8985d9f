import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { isoWeek, noticeBoard, shiftWeek, type NoticeBoard, type NoticeBoardItem } from '../../api/broker';
import { ApiError } from '../../api/problem';
import { AreaOptions, BrokerGate, formatDay, useAreaGroups } from '../../components/broker/BrokerBits';
import { FormField } from '../../components/FormField';
import { useTitle } from '../../components/useTitle';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { momentText } from '../../market/format';

const weekPattern = /^\d{4}-W\d{2}$/;

/** /makelaar/prikbord: choose the neighbourhood (or wijk) whose notice board to print. */
export function BrokerNoticeBoardChoice() {
  const { t } = useI18n();
  useTitle(t.brokerBoardChooseTitle);
  return <BrokerGate title={t.brokerBoardChooseTitle}>{() => <Choose />}</BrokerGate>;
}

function Choose() {
  const { t } = useI18n();
  const { route } = useLocation();
  const { groups, failed } = useAreaGroups();
  const [area, setArea] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <>
      <h1 class="utrecht-heading-1">{t.brokerBoardChooseTitle}</h1>
      <p class="utrecht-paragraph">{t.brokerBoardChooseIntro}</p>
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>}
      <form class="noaber-form" noValidate onSubmit={(e) => {
        e.preventDefault();
        if (!area) {
          setError(t.brokerErrChooseArea);
          return document.getElementById('board-area')?.focus();
        }
        route(`/makelaar/prikbord/${encodeURIComponent(area)}?week=${isoWeek(new Date())}`);
      }}>
        <FormField id="board-area" label={t.brokerBoardArea} error={error ? { text: error } : undefined}>
          {(link) => (
            <select {...link} class="utrecht-select utrecht-select--html-select" value={area} onChange={(e) => setArea(e.currentTarget.value)}>
              <option value="">{groups ? t.brokerChooseNeighbourhood : t.loading}</option>
              {groups && <AreaOptions groups={groups} withDistricts />}
            </select>
          )}
        </FormField>
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit">{t.brokerBoardShow}</button>
      </form>
    </>
  );
}

/** /makelaar/prikbord/:areaId?week=2026-W48: the weekly notice board, made to print on A4 in large type. */
export function BrokerNoticeBoardPage() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.brokerBoardTitle);
  // While this page is open, printing leaves out the header, menu and footer (see broker.css).
  useEffect(() => {
    document.documentElement.classList.add('noaber-print-board');
    return () => document.documentElement.classList.remove('noaber-print-board');
  }, []);
  return <BrokerGate title={t.brokerBoardTitle}>{() => <Board areaId={params.areaId} />}</BrokerGate>;
}

function Board({ areaId }: { areaId: string }) {
  const { t, lang } = useI18n();
  const { query, path, route } = useLocation();
  const week = weekPattern.test(query.week ?? '') ? query.week : isoWeek(new Date());
  const [board, setBoard] = useState<NoticeBoard | null | 'missing' | 'failed'>(null);
  const [picked, setPicked] = useState(week);
  useEffect(() => {
    setBoard(null);
    setPicked(week);
    noticeBoard(areaId, week).then(setBoard, (err) => setBoard(err instanceof ApiError && [403, 404].includes(err.status) ? 'missing' : 'failed'));
  }, [areaId, week]);
  const go = (w: string) => route(`${path}?week=${w}`);
  useTitle(board && typeof board === 'object' ? fill(t.brokerBoardHeading, { area: board.area.name }) : t.brokerBoardTitle);

  const requests = board && typeof board === 'object' ? board.items.filter((i) => i.kind === 'request') : [];
  const offers = board && typeof board === 'object' ? board.items.filter((i) => i.kind === 'offer') : [];
  return (
    <div class="noaber-board-page">
      <div class="noaber-print-controls">
        <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/makelaar/prikbord">{t.brokerBoardOther}</a></p>
        <form class="noaber-board-week" noValidate onSubmit={(e) => { e.preventDefault(); if (weekPattern.test(picked)) go(picked); }}>
          <FormField id="board-week" label={t.brokerBoardWeek} hint={t.brokerBoardWeekHint}>
            {(link) => (
              <input {...link} type="week" class="utrecht-textbox utrecht-textbox--html-input noaber-textbox--week"
                value={picked} onInput={(e) => setPicked(e.currentTarget.value)} />
            )}
          </FormField>
          <div class="noaber-actions noaber-actions--row">
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.brokerBoardShowWeek}</button>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={() => go(shiftWeek(week, -1))}>{t.brokerBoardPrev}</button>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={() => go(shiftWeek(week, 1))}>{t.brokerBoardNext}</button>
          </div>
        </form>
        {board && typeof board === 'object' && (
          <p class="utrecht-paragraph">
            <button type="button" class="utrecht-button utrecht-button--primary-action noaber-submit" onClick={() => window.print()}>
              {t.brokerBoardPrint}
            </button>
          </p>
        )}
      </div>
      {board === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {board === 'missing' && (
        <>
          <h1 class="utrecht-heading-1">{t.brokerBoardTitle}</h1>
          <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerBoardNotYours}</p>
        </>
      )}
      {board === 'failed' && (
        <>
          <h1 class="utrecht-heading-1">{t.brokerBoardTitle}</h1>
          <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>
        </>
      )}
      {board && typeof board === 'object' && (
        <article class="noaber-board" lang="nl">
          <header class="noaber-board__head">
            <h1 class="noaber-board__title">{fill(t.brokerBoardHeading, { area: board.area.name })}</h1>
            <p class="noaber-board__week">
              {fill(t.brokerBoardWeekText, { n: Number(board.week.slice(-2)), from: formatDay(lang, board.from), to: formatDay(lang, board.to) })}
            </p>
            <p class="noaber-board__intro">{t.brokerBoardIntro}</p>
            <p class="noaber-board__via">{board.respondVia}</p>
          </header>
          {board.items.length === 0 && <p class="noaber-board__empty">{t.brokerBoardEmpty}</p>}
          <BoardSection id="board-requests" title={t.brokerBoardRequests} items={requests} via={board.respondVia} />
          <BoardSection id="board-offers" title={t.brokerBoardOffers} items={offers} via={board.respondVia} />
          <footer class="noaber-board__foot">
            <p>{board.respondVia}</p>
            <p>{t.brokerBoardFooter}</p>
          </footer>
        </article>
      )}
    </div>
  );
}

function BoardSection({ id, title, items, via }: { id: string; title: string; items: NoticeBoardItem[]; via: string }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return null;
  return (
    <section class="noaber-board__section" aria-labelledby={id}>
      <h2 id={id} class="noaber-board__section-title">{title}</h2>
      <ul class="noaber-board__list">
        {items.map((i, n) => {
          const when = momentText(t, lang, i);
          return (
            <li key={n} class={`noaber-board__item noaber-board__item--${i.kind}`}>
              <p class="noaber-board__category">{i.categoryLabel}</p>
              <h3 class="noaber-board__item-title">{i.title}</h3>
              <p class="noaber-board__body">{i.body}</p>
              {when && <p class="noaber-board__when"><strong>{t.marketWhen}:</strong> {when}</p>}
              <p class="noaber-board__who">{fill(t.matchFrom, { name: i.displayName, place: i.neighbourhood.name })}</p>
              <p class="noaber-board__item-via">{via}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
