import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../api/health';
import { I18nProvider } from '../i18n/i18n';
import { ServiceStatusLine, useServiceStatus } from './ServiceStatusLine';

const cases: [ServiceStatus, string][] = [
  ['checking', 'We kijken of Noaber werkt…'],
  ['ok', 'Noaber werkt.'],
  ['down', 'Noaber is nu niet bereikbaar. Probeer het later nog eens.'],
  ['offline', 'Je bent offline.'],
];

describe('ServiceStatusLine', () => {
  it.each(cases)('says the right thing when %s', (status, text) => {
    render(<I18nProvider initial="nl"><ServiceStatusLine status={status} /></I18nProvider>);
    expect(screen.getByRole('status').textContent).toContain(text);
  });

  it('speaks English when asked', () => {
    render(<I18nProvider initial="en"><ServiceStatusLine status="ok" /></I18nProvider>);
    expect(screen.getByRole('status').textContent).toBe('Noaber is working.');
  });
});

describe('useServiceStatus', () => {
  function Probe({ check }: { check: () => Promise<ServiceStatus> }) {
    return <ServiceStatusLine status={useServiceStatus(check)} />;
  }

  it('shows "checking" first and then the answer', async () => {
    render(<Probe check={() => Promise.resolve('down')} />);
    expect(screen.getByRole('status').dataset.status).toBe('checking');
    await waitFor(() => expect(screen.getByRole('status').dataset.status).toBe('down'));
  });

  it('says offline as soon as the browser goes offline', async () => {
    render(<Probe check={() => Promise.resolve('ok')} />);
    await waitFor(() => expect(screen.getByRole('status').dataset.status).toBe('ok'));
    window.dispatchEvent(new Event('offline'));
    await waitFor(() => expect(screen.getByRole('status').dataset.status).toBe('offline'));
  });
});
