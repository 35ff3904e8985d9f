import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { FieldMessage } from '../i18n/problems';
import { FormField } from './FormField';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: FieldMessage;
  value: string;
  onValue: (value: string) => void;
  autocomplete: 'current-password' | 'new-password';
}

/** A password input with a button to show what you typed (handy on a phone). */
export function PasswordField({ value, onValue, autocomplete, ...field }: Props) {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  const toggle = (
    <button
      type="button"
      class="utrecht-button utrecht-button--subtle noaber-password-toggle"
      aria-controls={field.id}
      onClick={() => setVisible(!visible)}
    >
      {visible ? t.hidePassword : t.showPassword}
    </button>
  );
  return (
    <FormField {...field} after={toggle}>
      {(link) => (
        <input
          {...link}
          class={`utrecht-textbox utrecht-textbox--html-input utrecht-textbox--password${field.error ? ' utrecht-textbox--invalid' : ''}`}
          type={(visible ? 'text' : 'password') as 'text' /* see TextField */}
          value={value}
          autocomplete={autocomplete}
          maxLength={128}
          spellcheck={false}
          autocapitalize="off"
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </FormField>
  );
}
