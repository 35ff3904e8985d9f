import type { Ref } from 'preact';
import { useI18n } from '../i18n/i18n';
import { hasErrors, type FormErrors } from '../i18n/problems';

interface Props {
  errors: FormErrors;
  /** Field names in screen order, with their labels. */
  fields: [name: string, label: string][];
  idFor: (name: string) => string;
  summaryRef: Ref<HTMLDivElement>;
}

/**
 * The list of problems at the top of a form, each a link to its field. It
 * takes focus itself only when no field has an error (useFormErrors).
 */
export function ErrorSummary({ errors, fields, idFor, summaryRef }: Props) {
  const { t } = useI18n();
  if (!hasErrors(errors)) return null;
  const focus = (e: MouseEvent, name: string) => {
    e.preventDefault();
    document.getElementById(idFor(name))?.focus();
  };
  return (
    <div ref={summaryRef} tabIndex={-1} class="utrecht-alert utrecht-alert--error noaber-error-summary" aria-labelledby="error-summary-title">
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 id="error-summary-title" class="utrecht-heading-2 noaber-error-summary__title">{t.errorSummaryTitle}</h2>
          {errors.general && <p class="utrecht-paragraph">{errors.general}</p>}
          <ul class="utrecht-unordered-list">
            {fields.filter(([name]) => errors.fields[name]).map(([name, label]) => (
              <li key={name} class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`#${idFor(name)}`} onClick={(e) => focus(e, name)}>
                  {/[?!.:]$/.test(label) ? label : `${label}:`} {errors.fields[name].text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
