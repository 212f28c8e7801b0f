// Our renderer's origin: a privileged custom scheme (secure, standard) served from dist/renderer, never file:// or http.
export const APP_SCHEME = 'vcg';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const MAIN_URL = `${APP_ORIGIN}/index.html`;
/** The renderer shows its compact overlay for ?view=overlay and opens a tab for ?tab=history|settings. */
export const OVERLAY_URL = `${APP_ORIGIN}/index.html?view=overlay`;

/** True only for URLs of our own origin (WHATWG URL gives custom schemes an opaque origin, so compare the parts). */
export function isOwnUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}
