import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { noErrors, type FormErrors } from '../i18n/problems';

/**
 * Holds a form's errors. After show(), focus moves to the first field with
 * an error (its error text is read with it), or to the summary when the
 * error belongs to no field.
 */
export function useFormErrors(order: string[], idFor: (name: string) => string) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [shown, setShown] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  // A layout effect: focus moves in the same task as the errors appear.
  useLayoutEffect(() => {
    if (!shown) return;
    const first = order.find((name) => errors.fields[name]);
    (first ? document.getElementById(idFor(first)) : summaryRef.current)?.focus();
  }, [shown]); // eslint-disable-line react-hooks/exhaustive-deps

  return {
    errors,
    summaryRef,
    show(next: FormErrors) {
      setErrors(next);
      setShown((n) => n + 1);
    },
    clear: () => setErrors(noErrors),
  };
}
