import { describe, expect, it } from 'vitest';
import { mayOfferPush, type OfferContext } from './offerRules';

const now = Date.UTC(2025, 5, 1, 12);
const day = 24 * 60 * 60 * 1000;
const base: OfferContext = { signedIn: true, permission: 'default', notNowAt: null, now };

describe('mayOfferPush', () => {
  it('offers when signed in, never asked, and the browser can push', () => {
    expect(mayOfferPush(base)).toBe(true);
  });

  it('does not offer when signed out', () => {
    expect(mayOfferPush({ ...base, signedIn: false })).toBe(false);
  });

  it.each(['granted', 'denied', 'unsupported'] as const)('does not offer when permission is %s', (permission) => {
    expect(mayOfferPush({ ...base, permission })).toBe(false);
  });

  it('waits 30 days after "Nu niet"', () => {
    expect(mayOfferPush({ ...base, notNowAt: now - 1000 })).toBe(false);
    expect(mayOfferPush({ ...base, notNowAt: now - 29 * day })).toBe(false);
    expect(mayOfferPush({ ...base, notNowAt: now - 30 * day + 1 })).toBe(false);
    expect(mayOfferPush({ ...base, notNowAt: now - 30 * day })).toBe(true);
    expect(mayOfferPush({ ...base, notNowAt: now - 90 * day })).toBe(true);
  });

  it('does not offer when "Nu niet" lies in the future (the clock was set back)', () => {
    expect(mayOfferPush({ ...base, notNowAt: now + day })).toBe(false);
  });
});
