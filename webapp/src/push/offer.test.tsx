import { render, screen, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, resetSessionForTests, startSession } from '../api/session';
import type { Me } from '../api/types';
import { PushOfferCard } from '../components/PushOfferCard';
import { I18nProvider } from '../i18n/i18n';
import { offerPushAfterAction, resetPushOfferForTests } from './offer';

const me = { id: 'u1', displayName: 'Ans', roles: ['resident'] } as unknown as Me;

/** A browser that can push, with the given permission. */
function browserWith(permission: NotificationPermission) {
  const requestPermission = vi.fn(async () => 'denied' as NotificationPermission);
  vi.stubGlobal('Notification', { permission, requestPermission });
  vi.stubGlobal('PushManager', class {});
  Object.defineProperty(navigator, 'serviceWorker', { value: { ready: new Promise(() => {}) }, configurable: true });
  return requestPermission;
}

describe('offerPushAfterAction and the card', () => {
  beforeEach(() => {
    localStorage.clear();
    resetPushOfferForTests();
    resetSessionForTests();
    startSession({ accessToken: 't', tokenType: 'Bearer', expiresIn: 900, user: me });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    resetSessionForTests();
  });

  const card = () => render(<I18nProvider initial="nl"><PushOfferCard /></I18nProvider>);

  it('shows nothing until an action offers it', () => {
    browserWith('default');
    card();
    expect(screen.queryByText(/Wil je een seintje krijgen/)).toBeNull();
  });

  it('shows the card after an action; the browser asks only after "Ja"', async () => {
    const requestPermission = browserWith('default');
    card();
    expect(offerPushAfterAction()).toBe(true);
    await screen.findByText('Wil je een seintje krijgen als iemand reageert? Je krijgt geen reclame. Je kunt dit altijd uitzetten.');
    expect(requestPermission).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Ja, stuur mij een seintje' }));
    await waitFor(() => expect(requestPermission).toHaveBeenCalledOnce());
    await screen.findByText(/Je browser staat seintjes niet toe/);
  });

  it('"Nu niet" hides the offer for 30 days', async () => {
    browserWith('default');
    card();
    const now = Date.now();
    offerPushAfterAction(now);
    fireEvent.click(await screen.findByRole('button', { name: 'Nu niet' }));
    await screen.findByText(/we vragen het je nu niet/);
    expect(screen.queryByRole('button', { name: 'Ja, stuur mij een seintje' })).toBeNull();
    expect(offerPushAfterAction(now + 29 * 86_400_000)).toBe(false);
    expect(offerPushAfterAction(now + 31 * 86_400_000)).toBe(true);
  });

  it('does not offer when signed out, when already decided, or without push', () => {
    browserWith('default');
    endSession();
    expect(offerPushAfterAction()).toBe(false);
    startSession({ accessToken: 't', tokenType: 'Bearer', expiresIn: 900, user: me });
    browserWith('granted');
    expect(offerPushAfterAction()).toBe(false);
    browserWith('denied');
    expect(offerPushAfterAction()).toBe(false);
    vi.unstubAllGlobals();
    vi.stubGlobal('PushManager', undefined);
    // @ts-expect-error: a browser without the Push API
    delete window.PushManager;
    expect(offerPushAfterAction()).toBe(false);
  });
});
