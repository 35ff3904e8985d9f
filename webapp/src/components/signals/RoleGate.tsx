import type { ComponentChildren } from 'preact';
import type { Me, Role } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { useSignedIn } from '../useSession';

const notFor: Partial<Record<Role, StringKey>> = {
  keyfigure: 'contactNotKeyfigure',
  contact: 'signalOnlyContact',
  admin: 'signalOnlyAdmin',
};

/**
 * Shows `children(me)` only to someone signed in with `role`. Nobody signed
 * in: useSignedIn sends them to /inloggen?next=…; the wrong role: says for whom
 * this screen is (the server refuses the data anyway).
 */
export function RoleGate({ role, title, children }: { role: Role; title: string; children: (me: Me) => ComponentChildren }) {
  const { t } = useI18n();
  const me = useSignedIn();
  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;
  if (!me.roles.includes(role)) {
    return (
      <>
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph">{t[notFor[role] ?? 'signalOnlyContact']}</p>
      </>
    );
  }
  return <>{children(me)}</>;
}
