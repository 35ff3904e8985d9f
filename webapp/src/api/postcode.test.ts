import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalisePostcode, postcodeLookup, type PostcodeLookup } from './postcode';
import type { PostcodeInfo } from './types';

describe('normalisePostcode', () => {
  it.each([
    ['9999AA', '9999AA'], ['9999 aa', '9999AA'], [' 1234  Ab ', '1234AB'],
    ['9999', null], ['9999 A', null], ['0999AA', null], ['99999AA', null], ['AA9999', null], ['', null],
  ])('%j → %j', (input, want) => expect(normalisePostcode(input)).toBe(want));
});

const centrum = (postcode: string): PostcodeInfo => ({
  postcode, neighbourhood: { id: 'BU99990101', name: 'Centrum' },
  district: { id: 'WK999901', name: 'Binnenstad' }, municipality: { id: 'GM9999', name: 'Noaberveen' },
});

describe('postcodeLookup', () => {
  let results: PostcodeLookup[];
  beforeEach(() => {
    vi.useFakeTimers();
    results = [];
  });
  afterEach(() => vi.useRealTimers());

  it('asks once, after the typing stopped, and only for a whole postcode', async () => {
    const lookup = vi.fn(async (pc: string) => centrum(pc));
    const p = postcodeLookup(lookup, (r) => results.push(r), 400);
    for (const text of ['9', '99', '999', '9999', '9999 ', '9999 a']) p.update(text);
    expect(results).toEqual([]); // nothing to say yet
    p.update('9999 aa');
    p.update('9999AA'); // the same postcode: no new question
    await vi.advanceTimersByTimeAsync(399);
    expect(lookup).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup.mock.calls[0][0]).toBe('9999AA');
    expect(results).toEqual([{ state: 'looking' }, { state: 'found', neighbourhood: { id: 'BU99990101', name: 'Centrum' } }]);
    p.update('9999 a'); // a letter removed again
    expect(results.at(-1)).toEqual({ state: 'idle' });
  });

  it('says unknown on 404, and failed (and tries again later) on other errors', async () => {
    const lookup = vi.fn()
      .mockRejectedValueOnce({ status: 404 })
      .mockRejectedValueOnce({ status: 503 })
      .mockResolvedValueOnce(centrum('1234AB'));
    const p = postcodeLookup(lookup, (r) => results.push(r), 10);
    p.update('1234AB');
    await vi.advanceTimersByTimeAsync(10);
    expect(results.at(-1)).toEqual({ state: 'unknown' });
    p.update('9999AA');
    await vi.advanceTimersByTimeAsync(10);
    expect(results.at(-1)).toEqual({ state: 'failed' });
    p.update('9999AA');
    await vi.advanceTimersByTimeAsync(10);
    expect(results.at(-1)?.state).toBe('found');
  });

  it('drops an answer that arrives after the postcode changed', async () => {
    let answer!: (info: PostcodeInfo) => void;
    const lookup = vi.fn((_pc: string, signal: AbortSignal) => new Promise<PostcodeInfo>((resolve) => {
      answer = resolve;
      signal.addEventListener('abort', () => {});
    }));
    const p = postcodeLookup(lookup, (r) => results.push(r), 10);
    p.update('9999AA');
    await vi.advanceTimersByTimeAsync(10);
    p.update('9999');
    answer(centrum('9999AA'));
    await vi.advanceTimersByTimeAsync(10);
    expect(results.at(-1)).toEqual({ state: 'idle' });
  });

  it('does not ask for the postcode it already knows', async () => {
    const lookup = vi.fn();
    const p = postcodeLookup(lookup, (r) => results.push(r), 10, '9999AA');
    p.update('9999 AA');
    await vi.advanceTimersByTimeAsync(50);
    expect(lookup).not.toHaveBeenCalled();
    expect(results).toEqual([]);
  });
});
