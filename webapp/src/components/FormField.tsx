import type { ComponentChildren } from 'preact';
import type { FieldMessage } from '../i18n/problems';

/** The attributes that tie an input to its label, hint and error. */
export interface InputLink {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: FieldMessage;
  /** More ids that describe the input, e.g. a live status line. */
  describedBy?: string;
  children: (link: InputLink) => ComponentChildren;
  after?: ComponentChildren;
}

/**
 * A labelled form field (NL Design System form-field): label, hint, the
 * error right above the input, and aria-describedby pointing at both, so a
 * screen reader reads the error when the input gets focus.
 */
export function FormField({ id, label, hint, error, describedBy, children, after }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [errorId, hintId, describedBy].filter(Boolean).join(' ') || undefined;
  const invalid = error ? ' utrecht-form-field--invalid' : '';
  return (
    <div class={`utrecht-form-field utrecht-form-field--text noaber-field${invalid}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>{label}</label>
      </div>
      {hint && (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={hintId}>{hint}</div>
      )}
      {error && (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={errorId}>
          {error.text}
          {error.reason && <span class="noaber-error-reason" lang="en">{error.reason}</span>}
        </div>
      )}
      <div class="utrecht-form-field__input">
        {children({ id, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined })}
        {after}
      </div>
    </div>
  );
}

type TextProps = Omit<Props, 'children'> & {
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'password';
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  size?: 'postcode' | 'house-number' | 'code';
  maxLength?: number;
};

/** A FormField with a one-line text input, the common case. */
export function TextField({ value, onValue, type = 'text', autocomplete, inputMode, size, maxLength, ...field }: TextProps) {
  const sizeClass = size ? ` noaber-textbox--${size}` : '';
  return (
    <FormField {...field}>
      {(link) => (
        <input
          {...link}
          class={`utrecht-textbox utrecht-textbox--html-input${sizeClass}${field.error ? ' utrecht-textbox--invalid' : ''}`}
          type={type as 'text' /* preact's types split <input> by type; any of ours is fine */}
          value={value}
          autocomplete={autocomplete}
          inputMode={inputMode}
          maxLength={maxLength}
          spellcheck={false}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </FormField>
  );
}
