import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { FieldMessage } from '../../i18n/problems';
import { FormField } from '../FormField';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: FieldMessage;
  value: string;
  onValue: (value: string) => void;
  /** The most characters; a counter under the field says how many are used. */
  max: number;
  rows?: number;
}

/**
 * A FormField with a textarea and a counter ("120 van 4000 tekens"). The
 * counter is part of the description, not a live region, so it is read on
 * focus and does not talk over typing. Typing past `max` is allowed: the
 * check says so, instead of cutting text off.
 */
export function TextAreaField({ value, onValue, max, rows = 5, ...field }: Props) {
  const { t } = useI18n();
  const counterId = `${field.id}-counter`;
  const over = value.length > max;
  return (
    <FormField {...field} describedBy={counterId}
      after={
        <p id={counterId} class={`utrecht-paragraph noaber-counter${over ? ' noaber-error-text' : ''}`}>
          {fill(t.signalCounter, { n: value.length, max })}
        </p>
      }>
      {(link) => (
        <textarea
          {...link}
          class={`utrecht-textbox utrecht-textbox--html-input noaber-textarea${field.error ? ' utrecht-textbox--invalid' : ''}`}
          rows={rows}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </FormField>
  );
}
