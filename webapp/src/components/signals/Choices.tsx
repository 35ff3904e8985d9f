import type { ComponentChildren } from 'preact';
import type { FieldMessage } from '../../i18n/problems';

export interface Choice {
  value: string;
  title: string;
  hint?: string;
  /** Decoration only: hidden from screen readers, the title says it all. */
  icon?: ComponentChildren;
}

interface Props {
  /** The id of the first input: error links and focus go there. */
  id: string;
  name: string;
  legend: string;
  hint?: string;
  error?: FieldMessage;
  type: 'radio' | 'checkbox';
  choices: Choice[];
  /** The chosen values (one for radio buttons). */
  selected: string[];
  onToggle: (value: string, checked: boolean) => void;
  /** Two columns from tablet size up, instead of one. */
  grid?: boolean;
  children?: ComponentChildren;
}

/**
 * A group of radio buttons or check boxes shown as big cards: the whole card
 * is the label, so the whole card is the tap target. Native inputs, so the
 * keyboard and screen readers work as usual.
 */
export function Choices({ id, name, legend, hint, error, type, choices, selected, onToggle, grid, children }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={`noaber-fieldset noaber-choices${error ? ' noaber-choices--invalid' : ''}`} aria-describedby={described}>
      <legend class="noaber-legend">{legend}</legend>
      {hint && <p id={hintId} class="utrecht-paragraph noaber-hint">{hint}</p>}
      {error && (
        <p id={errorId} class="utrecht-paragraph noaber-error-text">
          {error.text}
          {error.reason && <span class="noaber-error-reason" lang="en">{error.reason}</span>}
        </p>
      )}
      <div class={`noaber-choices__list${grid ? ' noaber-choices__list--grid' : ''}`}>
        {choices.map((c, i) => {
          const inputId = i === 0 ? id : `${id}-${c.value}`;
          const checked = selected.includes(c.value);
          return (
            <label key={c.value} for={inputId} class={`noaber-choice${checked ? ' noaber-choice--checked' : ''}`}>
              <input
                id={inputId} class="noaber-choice__input" type={type} name={name} value={c.value} checked={checked}
                aria-invalid={error ? 'true' : undefined}
                onChange={(e) => onToggle(c.value, e.currentTarget.checked)}
              />
              {c.icon && <span class="noaber-choice__icon" aria-hidden="true">{c.icon}</span>}
              <span class="noaber-choice__text">
                <span class="noaber-choice__title">{c.title}</span>
                {c.hint && <span class="noaber-choice__hint">{c.hint}</span>}
              </span>
            </label>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}
