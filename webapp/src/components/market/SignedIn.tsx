import type { ComponentChildren } from 'preact';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../useSession';

/** Shows `children(me)` to anyone signed in; others go to /inloggen?next=… (useSignedIn). */
export function SignedIn({ children }: { children: (me: Me) => ComponentChildren }) {
  const { t } = useI18n();
  const me = useSignedIn();
  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;
  return <>{children(me)}</>;
}
