import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A button that first asks "are you sure?" in place: the question and two
 * buttons appear under it, focus moves to the question. No modal dialog, so
 * it works the same with a screen reader, keyboard and zoom.
 */
export function Confirm({ label, question, yes, no, onYes, danger, busy }: {
  label: string; question: ComponentChildren; yes: string; no: string; onYes: () => void; danger?: boolean; busy?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (asking) ref.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div class="noaber-card noaber-confirm">
      <p ref={ref} tabIndex={-1} class="utrecht-paragraph noaber-focus-heading noaber-confirm__question">{question}</p>
      <div class="noaber-actions">
        <button type="button" class={`utrecht-button utrecht-button--primary-action noaber-submit${danger ? ' noaber-danger' : ''}`}
          aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && onYes()}>{yes}</button>
        <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={() => setAsking(false)}>{no}</button>
      </div>
    </div>
  );
}
