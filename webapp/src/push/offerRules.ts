// When the app may offer push ("Wil je een seintje krijgen…?"). Pure, so the
// rules are tested on their own (offerRules.test.ts).
import type { PushPermission } from './device';

/** After "Nu niet" we wait this long before offering again. */
export const quietDaysAfterNotNow = 30;
const day = 24 * 60 * 60 * 1000;

export interface OfferContext {
  signedIn: boolean;
  permission: PushPermission;
  /** When the person last said "Nu niet" (ms since epoch), or null. */
  notNowAt: number | null;
  now: number;
}

/**
 * Only after something meaningful was done (the caller's job), only signed in,
 * only when the browser can push and nobody was asked yet (permission
 * "default": after "denied" the browser would not even show the question),
 * and not within 30 days of "Nu niet".
 */
export function mayOfferPush({ signedIn, permission, notNowAt, now }: OfferContext): boolean {
  if (!signedIn || permission !== 'default') return false;
  return notNowAt === null || !(now - notNowAt < quietDaysAfterNotNow * day);
}
