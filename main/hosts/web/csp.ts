// The strict Content-Security-Policy shared by the web host and Electron: our own scripts only, no eval, no remote content.

/** The policy; `connectSources` names the web host's own ws:// and http:// origin (Electron's renderer needs none). */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes (meters, bars); no remote stylesheets.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Electron's policy: it talks to main over IPC only, so connect-src is our own origin and nothing else. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
