import type { AreaRef, PostcodeInfo } from './types';

/**
 * "9999 aa" → "9999AA"; null when the text does not look like a Dutch
 * postcode yet. Only the shape is checked here: the server knows which exist.
 */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  return /^[1-9][0-9]{3}[A-Z]{2}$/.test(compact) ? compact : null;
}

export type PostcodeLookup =
  | { state: 'idle' }
  | { state: 'looking' }
  | { state: 'found'; neighbourhood: AreaRef }
  | { state: 'unknown' }
  | { state: 'failed' };

/**
 * Looks up a postcode while someone types: waits `delay` ms after the last
 * change, only asks for strings that look like a postcode, asks at most once
 * per postcode in a row, and drops answers that arrive after a newer change.
 * `lookup` rejects with {status: 404} (or 400) for an unknown postcode.
 */
export function postcodeLookup(
  lookup: (postcode: string, signal: AbortSignal) => Promise<PostcodeInfo>,
  onChange: (result: PostcodeLookup) => void,
  delay = 400,
  /** A postcode whose answer is already shown (e.g. the saved one). */
  known: string | null = null,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let last: string | null = known && normalisePostcode(known);

  function cancel() {
    clearTimeout(timer);
    inFlight?.abort();
  }

  function update(text: string) {
    const postcode = normalisePostcode(text);
    if (postcode === last) return;
    cancel();
    last = postcode;
    if (!postcode) return onChange({ state: 'idle' });
    onChange({ state: 'looking' });
    timer = setTimeout(async () => {
      const ctl = (inFlight = new AbortController());
      try {
        const info = await lookup(postcode, ctl.signal);
        if (!ctl.signal.aborted) onChange({ state: 'found', neighbourhood: info.neighbourhood });
      } catch (err) {
        if (ctl.signal.aborted) return;
        const status = (err as { status?: number }).status;
        onChange(status === 404 || status === 400 ? { state: 'unknown' } : { state: 'failed' });
        if (status !== 404 && status !== 400) last = null; // try again on the next keystroke
      }
    }, delay);
  }

  return { update, cancel };
}
