import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, sameKey } from './keys';

// A real VAPID public key: an uncompressed P-256 point (65 bytes, starting with 4).
const key = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';

describe('base64UrlToBytes', () => {
  it('reads a VAPID key as 65 bytes', () => {
    const bytes = base64UrlToBytes(key);
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(4);
  });

  it('reads base64url with and without padding, and plain base64', () => {
    expect([...base64UrlToBytes('-_8')]).toEqual([0xfb, 0xff]);
    expect([...base64UrlToBytes('-_8=')]).toEqual([0xfb, 0xff]);
    expect([...base64UrlToBytes('+/8=')]).toEqual([0xfb, 0xff]);
  });

  it('refuses what is not base64', () => {
    expect(() => base64UrlToBytes('not a key!')).toThrow();
  });
});

describe('sameKey', () => {
  const bytes = base64UrlToBytes(key);

  it('matches the same bytes, as an ArrayBuffer (what the Push API gives) or a view', () => {
    expect(sameKey(bytes.slice().buffer, bytes)).toBe(true);
    expect(sameKey(new Uint8Array(bytes), bytes)).toBe(true);
    expect(sameKey(new DataView(bytes.slice().buffer), bytes)).toBe(true);
  });

  it('matches a view into a larger buffer only on its own bytes', () => {
    const larger = new Uint8Array(70);
    larger.set(bytes, 3);
    expect(sameKey(new Uint8Array(larger.buffer, 3, 65), bytes)).toBe(true);
    expect(sameKey(larger.buffer, bytes)).toBe(false);
  });

  it('does not match a rotated key, a different length or no key', () => {
    const rotated = bytes.slice();
    rotated[64] ^= 1;
    expect(sameKey(rotated.buffer, bytes)).toBe(false);
    expect(sameKey(bytes.slice(0, 64).buffer, bytes)).toBe(false);
    expect(sameKey(null, bytes)).toBe(false);
    expect(sameKey(undefined, bytes)).toBe(false);
  });
});
