// The access token lives in this module only: in memory, never in
// localStorage, sessionStorage or IndexedDB, so a script injected into the page
// cannot read it from storage, and it is gone when the tab closes. The long-lived
// refresh token is an HttpOnly cookie the page never sees.
let accessToken: string | null = null;

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null) {
  accessToken = token;
}
