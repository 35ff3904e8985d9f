import { useEffect, useState } from 'preact/hooks';
import { checkHealth, type ServiceStatus } from '../api/health';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';

const text: Record<ServiceStatus, StringKey> = {
  checking: 'statusChecking',
  ok: 'statusOk',
  down: 'statusDown',
  offline: 'statusOffline',
};

/**
 * One line saying whether Noaber works. role=status makes screen readers
 * announce changes politely; the text carries the meaning, the colour only helps.
 */
export function ServiceStatusLine({ status }: { status: ServiceStatus }) {
  const { t } = useI18n();
  return (
    <p role="status" class={`utrecht-paragraph noaber-status noaber-status--${status}`} data-status={status}>
      {t[text[status]]}
    </p>
  );
}

/** Checks /healthz on mount and again whenever the browser goes on- or offline. */
export function useServiceStatus(check: () => Promise<ServiceStatus> = checkHealth): ServiceStatus {
  const [status, setStatus] = useState<ServiceStatus>('checking');

  useEffect(() => {
    let live = true;
    const run = () => check().then((s) => live && setStatus(s));
    const offline = () => setStatus('offline');
    run();
    window.addEventListener('online', run);
    window.addEventListener('offline', offline);
    return () => {
      live = false;
      window.removeEventListener('online', run);
      window.removeEventListener('offline', offline);
    };
  }, [check]);

  return status;
}
