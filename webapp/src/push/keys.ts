// Application server keys (VAPID public keys) as the Push API and our API
// carry them: base64url text from GET /push/public-key, bytes in
// PushSubscription.options.applicationServerKey. Pure, shared by the app and
// the service worker.

/** base64url (with or without padding) → bytes. Throws on anything else. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new Error('not base64url');
  const binary = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Whether a subscription was made with this key: compares bytes, because the
 * same key can be written in more than one way (padding, base64 vs base64url).
 * A subscription without a key (null) never matches.
 */
export function sameKey(subscribed: ArrayBuffer | ArrayBufferView | null | undefined, serverKey: Uint8Array): boolean {
  if (!subscribed) return false;
  const a = ArrayBuffer.isView(subscribed)
    ? new Uint8Array(subscribed.buffer, subscribed.byteOffset, subscribed.byteLength)
    : new Uint8Array(subscribed);
  if (a.length !== serverKey.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== serverKey[i]) return false;
  return true;
}
