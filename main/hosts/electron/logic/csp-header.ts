// Sets our strict Content-Security-Policy (the web host's) on every response the renderer receives.
import { CONTENT_SECURITY_POLICY } from '../../web/csp.js';

export type ResponseHeaders = Record<string, string | string[]>;

/** Headers with our CSP (replacing any other, whatever its case) and nosniff. */
export function withSecurityHeaders(headers: ResponseHeaders = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only' || lower === 'x-content-type-options') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/** The function passed to session.webRequest.onHeadersReceived. */
export function createCspHeaderInjector() {
  return (
    details: { responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders: Record<string, string[]> }) => void,
  ): void => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  };
}
