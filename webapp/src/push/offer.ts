// The push offer card's state, shared by the screens that trigger it
// (offerPushAfterAction) and the card that shows it (usePushOffer).
import { useEffect, useState } from 'preact/hooks';
import { getSession } from '../api/session';
import { pushPermission, turnOnPush, type PushResult } from './device';
import { mayOfferPush } from './offerRules';

const notNowKey = 'noaber.push.notNowAt';

/** 'declined': "Nu niet" was chosen; the card says where to turn push on later. */
export type OfferState = 'hidden' | 'offered' | 'busy' | 'declined' | PushResult;

let state: OfferState = 'hidden';
const listeners = new Set<(s: OfferState) => void>();
function publish(next: OfferState) {
  state = next;
  for (const fn of listeners) fn(state);
}

function notNowAt(): number | null {
  try {
    const v = Number(localStorage.getItem(notNowKey));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/**
 * Call after a meaningful action (a first post or reaction; for now: saving
 * the profile, and a professional finishing two-step set-up). Shows the card
 * if the rules allow it; returns whether it did. Never on first load.
 */
export function offerPushAfterAction(now = Date.now()): boolean {
  if (state === 'offered' || state === 'busy') return true;
  const ok = mayOfferPush({ signedIn: getSession().status === 'in', permission: pushPermission(), notNowAt: notNowAt(), now });
  publish(ok ? 'offered' : 'hidden');
  return ok;
}

/** "Ja": only now does the browser ask for permission. */
export async function acceptPushOffer(): Promise<void> {
  publish('busy');
  publish(await turnOnPush().catch((): PushResult => 'failed'));
}

/** "Nu niet": do not ask again for 30 days. */
export function declinePushOffer(now = Date.now()) {
  try {
    localStorage.setItem(notNowKey, String(now));
  } catch {
    // then we may ask again next time; not harmful
  }
  publish('declined');
}

/** The card is gone from the screen: forget a shown result. */
export function closePushOffer() {
  if (state !== 'offered' && state !== 'busy') publish('hidden');
}

export function usePushOffer() {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    setCurrent(state);
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  return { state: current, accept: acceptPushOffer, decline: () => declinePushOffer() };
}

/** For tests. */
export function resetPushOfferForTests() {
  state = 'hidden';
  listeners.clear();
}
