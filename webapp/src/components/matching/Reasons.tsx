import type { Reason } from '../../api/market';

/** The 1–3 reasons of a suggestion, as the API words them in my language. */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul class="noaber-match-reasons">
      {reasons.map((r) => <li key={r.key}>{r.text}</li>)}
    </ul>
  );
}
