// The web host's per-launch token: taken from the launch URL into this tab's sessionStorage, and out of the address bar.
// Never a cookie: cookies ignore ports, so every other server on the same loopback address would receive it.

const STORAGE_KEY = 'vcg.token';
/** The token is base64url; anything else in the URL is not ours. */
const TOKEN_PATTERN = /^[\w-]{16,128}$/;

export interface TokenLocation {
  href: string;
}
export interface TokenHistory {
  state: unknown;
  replaceState(data: unknown, unused: string, url?: string): void;
}
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Returns the token for this tab (from the URL the first time, from sessionStorage after a reload), or null. */
export function takeLaunchToken(location: TokenLocation, history: TokenHistory, storage: TokenStorage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    if (TOKEN_PATTERN.test(fromUrl)) {
      storage.setItem(STORAGE_KEY, fromUrl);
      return fromUrl;
    }
  }
  const stored = storage.getItem(STORAGE_KEY);
  return stored !== null && TOKEN_PATTERN.test(stored) ? stored : null;
}

/** The WebSocket subprotocols the page offers: the host answers `vcg.v1` and checks the token one. */
export function tokenProtocols(token: string | null): string[] {
  return token ? ['vcg.v1', `vcg.token.${token}`] : ['vcg.v1'];
}
