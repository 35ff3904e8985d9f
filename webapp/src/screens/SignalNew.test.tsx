import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSessionForTests, startSession } from '../api/session';
import type { Me } from '../api/types';
import { I18nProvider } from '../i18n/i18n';
import { SignalNew } from './SignalNew';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const keyfigure = { id: 'u1', displayName: 'Kees', roles: ['resident', 'keyfigure'], phone: '06 11112222', language: 'nl' } as Me;
const esch = { id: 'BU99990201', name: 'Esch' };

function show() {
  render(<I18nProvider initial="nl"><LocationProvider><SignalNew /></LocationProvider></I18nProvider>);
}
const next = () => fireEvent.click(screen.getByRole('button', { name: 'Volgende stap' }));

async function fillStep1() {
  fireEvent.input(screen.getByLabelText('Postcode van de persoon', { exact: false }), { target: { value: '9999 EA' } });
  fireEvent.input(screen.getByLabelText('Hoe kan je contactpersoon de persoon vinden?'), { target: { value: 'Mevrouw J., Kerkstraat' } });
  fireEvent.click(screen.getByLabelText('Nee'));
  await screen.findByText('Deze postcode hoort bij de buurt Esch.');
}

describe('SignalNew', () => {
  let sent: unknown[];
  beforeEach(() => {
    resetSessionForTests();
    startSession({ accessToken: 't', tokenType: 'Bearer', expiresIn: 900, user: keyfigure });
    sent = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url.includes('/postcodes/')) return json(200, { postcode: '9999EA', neighbourhood: esch });
      if (url.endsWith('/signals') && init.method === 'POST') {
        sent.push(JSON.parse(String(init.body)));
        return json(201, {
          id: 's1', status: 'received', deadline: '2025-11-25T12:00:00Z', emergency: null,
          promise: { contactName: 'Anna de Vries', text: 'Anna de Vries pakt dit binnen 2 werkdagen op.', textEn: 'Anna de Vries will pick this up within 2 working days.' },
        });
      }
      return json(404, { type: 'x/not-found', status: 404 });
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('checks each step before going on, and says which step you are on', async () => {
    show();
    expect(screen.getByText('Stap 1 van 3').closest('li')?.getAttribute('aria-current')).toBe('step');
    next();
    expect(await screen.findByText('Er klopt nog iets niet')).toBeTruthy();
    expect(screen.getByLabelText('Postcode van de persoon', { exact: false }).getAttribute('aria-invalid')).toBe('true');
    await fillStep1();
    next();
    expect(await screen.findByRole('heading', { level: 2, name: /Waar maak je je zorgen over\?/ })).toBeTruthy();
    expect(screen.getByText('Stap 2 van 3').closest('li')?.getAttribute('aria-current')).toBe('step');
    next();
    expect(await screen.findByText('Kies minstens één onderwerp.', { selector: 'p' })).toBeTruthy();
  });

  it('shows the emergency box at once when "Acuut" is chosen, with both numbers to call', async () => {
    show();
    await fillStep1();
    next();
    await screen.findByText('Rondkomen');
    expect(screen.getByText('Geld, schulden, rekeningen betalen.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByLabelText(/Zorgelijk/));
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByLabelText(/Acuut/));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/Bel 112/);
    expect(alert.textContent).toMatch(/Veilig Thuis: 0800-2000/);
    const hrefs = [...alert.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['tel:112', 'tel:08002000']);
  });

  it('keeps what was filled in when stepping back, and sends it all with the promise as answer', async () => {
    show();
    await fillStep1();
    next();
    await screen.findByText('Ontmoeten');
    fireEvent.click(screen.getByLabelText(/Ontmoeten/));
    fireEvent.click(screen.getByRole('checkbox', { name: /^Zorgen/ }));
    fireEvent.click(screen.getByLabelText(/Zorgelijk/));
    fireEvent.click(screen.getByRole('button', { name: 'Vorige stap' }));
    await screen.findByRole('heading', { level: 2, name: /Over wie gaat het\?/ });
    expect((screen.getByLabelText('Hoe kan je contactpersoon de persoon vinden?') as HTMLInputElement).value).toBe('Mevrouw J., Kerkstraat');
    next();
    await screen.findByText('Ontmoeten');
    expect((screen.getByLabelText(/Ontmoeten/) as HTMLInputElement).checked).toBe(true);
    next();
    await screen.findByRole('heading', { level: 2, name: /Wat is er aan de hand\?/ });
    expect((screen.getByLabelText('Op welk nummer kan je contactpersoon je bellen?') as HTMLInputElement).value).toBe('06 11112222');
    fireEvent.input(screen.getByLabelText('Wat zie of hoor je?'), { target: { value: 'Ze komt al weken niet meer.' } });
    expect(screen.getByText('27 van 4000 tekens')).toBeTruthy();
    expect(screen.getByText('Ontmoeten, Zorgen')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(await screen.findByText('Anna de Vries pakt dit binnen 2 werkdagen op.')).toBeTruthy();
    expect(sent).toEqual([{
      postcode: '9999EA', identification: 'Mevrouw J., Kerkstraat', lifeDomains: ['ontmoeten', 'zorgen'], urgency: 'worried',
      description: 'Ze komt al weken niet meer.', personKnows: false, callbackPhone: '06 11112222',
    }]);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
