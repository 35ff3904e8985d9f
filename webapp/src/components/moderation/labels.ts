import type { ModerationAction, ModerationFlag, ReportReason, SubjectType } from '../../api/moderation';
import type { StringKey, Strings } from '../../i18n/strings';

export const reasonText = (t: Strings, r: ReportReason) => t[`reportReason_${r}` as StringKey] ?? r;
export const actionText = (t: Strings, a: ModerationAction) => t[`action_${a}` as StringKey] ?? a;
export const actionHint = (t: Strings, a: ModerationAction) => t[`actionHint_${a}` as StringKey] ?? '';
export const outcomeText = (t: Strings, a: ModerationAction) => t[`outcome_${a}` as StringKey] ?? a;
export const subjectText = (t: Strings, s: SubjectType) => t[`moderationSubject_${s}` as StringKey] ?? s;
export const flagsText = (t: Strings, flags: ModerationFlag[]) => flags.map((f) => t[`flag_${f}` as StringKey] ?? f).join(', ');

export function noticeText(t: Strings, action: ModerationAction, subject: SubjectType): string {
  if (action === 'hide') return t[`notice_hide_${subject}` as StringKey] ?? t.notice_other;
  if (action === 'warn') return t.notice_warn;
  if (action === 'suspend') return t.notice_suspend;
  return t.notice_other;
}
