import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSession, resetSessionForTests } from '../api/session';
import { I18nProvider } from '../i18n/i18n';
import { Login } from './Login';

const problem = (status: number, kind: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `https://noaber.nl/problems/${kind}`, status, title: kind }), {
    status, headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

function show() {
  render(<I18nProvider initial="nl"><LocationProvider><Login /></LocationProvider></I18nProvider>);
  fireEvent.input(screen.getByLabelText('E-mailadres'), { target: { value: 'ans@example.org' } });
  fireEvent.input(screen.getByLabelText('Wachtwoord'), { target: { value: 'geheim wachtwoord' } });
  fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
}

describe('Login', () => {
  beforeEach(() => resetSessionForTests());
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the code when the server wants a second factor, and sends it with the login', async () => {
    const bodies: Record<string, string>[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      bodies.push(body);
      if (!body.totpCode) return problem(401, 'second-factor-required');
      const user = { displayName: 'Ans', language: 'nl' };
      return new Response(JSON.stringify({ accessToken: 't', tokenType: 'Bearer', expiresIn: 900, user }), {
        status: 200, headers: { 'Content-Type': 'application/json' },
      });
    }));
    show();
    const code = await screen.findByLabelText('Code uit je app');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(screen.getByRole('button', { name: /herstelcode/ })).toBeTruthy();
    fireEvent.input(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    await waitFor(() => expect(getSession().status).toBe('in'));
    expect(bodies[1]).toEqual({ email: 'ans@example.org', password: 'geheim wachtwoord', totpCode: '123456' });
  });

  it('says how long to wait when throttled', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(429, 'too-many-requests', { 'Retry-After': '90' })));
    show();
    expect(await screen.findByText('Je hebt het te vaak geprobeerd. Probeer het over 90 seconden opnieuw.')).toBeTruthy();
  });

  it('does not tell whether the e-mail address exists', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'invalid-credentials')));
    show();
    expect(await screen.findByText('Het e-mailadres of het wachtwoord klopt niet.')).toBeTruthy();
  });
});
