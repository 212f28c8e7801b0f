// Maps what the Gemini SDK throws (ApiError, fetch failures, SSE cuts, Live close codes) to AppErrors a user can act on.
import { AppError, isAbortError, withInfo } from '../core/errors.js';
import type { GeminiEndpoint, LiveCloseInfo } from './types.js';

interface GoogleErrorPayload {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<Record<string, unknown>>;
}

/** The SDK's ApiError is identified by shape: its class is not part of our contract. */
function apiErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error) || error.name !== 'ApiError') return undefined;
  const status = (error as Error & { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The Google error body inside an ApiError message: the message is either the JSON body itself
 * (HTTP error) or "got status: X. {json}" (an error event inside an SSE stream).
 */
export function googleErrorPayload(message: string): GoogleErrorPayload | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(message.slice(start)) as { error?: GoogleErrorPayload };
    return parsed.error && typeof parsed.error === 'object' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/** RetryInfo.retryDelay ("17s", "1.5s") in milliseconds. */
export function retryDelayMs(payload: GoogleErrorPayload | undefined): number | undefined {
  for (const detail of payload?.details ?? []) {
    if (String(detail['@type'] ?? '').endsWith('google.rpc.RetryInfo')) {
      const match = /^(\d+(?:\.\d+)?)s$/.exec(String(detail.retryDelay ?? ''));
      if (match) return Math.round(Number(match[1]) * 1000);
    }
  }
  return undefined;
}

function hasReason(payload: GoogleErrorPayload | undefined, reason: string): boolean {
  return (payload?.details ?? []).some((d) => d.reason === reason);
}

const KEY_HELP = 'Check GEMINI_API_KEY (or the key in settings), or run `npm run demo` to try the app against the simulated Gemini.';

function fromStatus(status: number, payload: GoogleErrorPayload | undefined, cause: unknown): AppError {
  const google = payload?.message ?? '';
  const details = { status, googleStatus: payload?.status, googleMessage: google };
  if ((status === 400 && (/API key not valid/i.test(google) || hasReason(payload, 'API_KEY_INVALID'))) || status === 401) {
    return new AppError('INVALID_KEY', `Gemini rejected the API key. ${KEY_HELP}`, { cause, details, ...(google ? { info: { google: google.slice(0, 300) } } : {}) });
  }
  if (status === 403) {
    return new AppError('INVALID_KEY', `Gemini refused this API key (permission denied: ${google || 'no reason given'}). ${KEY_HELP}`, { cause, details, ...(google ? { info: { google: google.slice(0, 300) } } : {}) });
  }
  if (status === 404) {
    // Google's 404 names the model ("models/NAME is not found for API version v1beta..."): the UI names it too.
    const model = /models\/([\w.-]{1,100}) is not found/.exec(google)?.[1];
    return new AppError('BAD_REQUEST', `Gemini does not know this model or method (${google || 'not found'}). Check the model names in settings.`, { cause, details, ...(model ? { info: { model } } : {}) });
  }
  if (status === 429) {
    const retryAfterMs = retryDelayMs(payload);
    const wait = retryAfterMs === undefined ? 'a moment' : `${Math.ceil(retryAfterMs / 1000)} s`;
    return new AppError('QUOTA', `Gemini quota exceeded; try again in ${wait}, or check your plan and billing.`, { cause, details, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  if (status === 504) {
    return new AppError('TIMEOUT', 'Gemini did not answer in time (deadline exceeded). Try again.', { cause, details });
  }
  if (status >= 500) {
    return new AppError('UNAVAILABLE', `Gemini is unavailable right now (${payload?.status ?? status}). Try again shortly.`, { cause, details });
  }
  return new AppError('BAD_REQUEST', `Gemini rejected the request: ${google || `HTTP ${status}`}.`, { cause, details });
}

const NETWORK_PATTERNS = [
  /Incomplete JSON segment/i,
  /exception parsing stream chunk/i,
  /fetch failed/i,
  /\bterminated\b/i,
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR/i,
  /socket hang up|other side closed/i,
];

function causeChain(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    parts.push(`${current.name}: ${current.message} ${String((current as Error & { code?: unknown }).code ?? '')}`);
    current = current.cause;
  }
  return parts.join(' | ');
}

/** Turns anything the SDK threw into an AppError with a stable code. */
export function mapGeminiError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isAbortError(error)) return new AppError('CANCELLED', 'The request was cancelled.', { cause: error });
  const status = apiErrorStatus(error);
  if (status !== undefined) return fromStatus(status, googleErrorPayload((error as Error).message), error);
  const chain = causeChain(error);
  if (NETWORK_PATTERNS.some((p) => p.test(chain))) {
    return new AppError('NETWORK', 'The connection to Gemini broke off. Check your network; the request can be retried.', { cause: error, details: { reason: chain } });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `Unexpected error from the Gemini client: ${message}`, { cause: error });
}

/** Maps how a Live WebSocket was closed (code and Google's reason) to an AppError. */
export function mapLiveClose(info: LiveCloseInfo): AppError {
  const { code, reason } = info;
  const details = { closeCode: code, closeReason: reason };
  if (/API key not valid/i.test(reason)) return new AppError('INVALID_KEY', `Gemini rejected the API key. ${KEY_HELP}`, { details });
  if (/unregistered callers/i.test(reason)) return new AppError('NO_API_KEY', 'No Gemini API key was sent. Set GEMINI_API_KEY or run `npm run demo`.', { details });
  if (/quota/i.test(reason)) return new AppError('QUOTA', 'Gemini Live quota exceeded; try again later or check your plan.', { details });
  if (/non-audio request/i.test(reason)) {
    return new AppError('BAD_REQUEST', 'The Live model in settings is a conversational (audio-only) model; use the transcription model (gemini-3.5-transcribe-live).', { details });
  }
  if (code === 1007 || code === 1008) return new AppError('BAD_REQUEST', `Gemini Live refused the session: ${reason || `close code ${code}`}.`, { details });
  if (code === 1006) return new AppError('NETWORK', 'The Live connection to Gemini dropped. Check your network.', { details });
  if (/deadline expired/i.test(reason)) return new AppError('UNAVAILABLE', 'The Live connection reached its time limit and was closed by Gemini; a new one is needed.', { details });
  return new AppError('UNAVAILABLE', `Gemini Live closed the connection (${code}${reason ? `: ${reason}` : ''}). Try again.`, { details });
}

const GOOGLE_HOST = 'generativelanguage.googleapis.com';

/** host[:port] every call of this endpoint goes to. */
export function endpointHost(endpoint: Pick<GeminiEndpoint, 'baseUrl'>): string {
  if (!endpoint.baseUrl) return GOOGLE_HOST;
  try {
    return new URL(endpoint.baseUrl).host || GOOGLE_HOST;
  } catch {
    return endpoint.baseUrl.slice(0, 200);
  }
}

/** Names the host on an error about reaching an endpoint; a network error's message then says which address failed. */
export function nameHost(error: AppError, endpoint: Pick<GeminiEndpoint, 'baseUrl'>, since: number): AppError {
  const host = endpointHost(endpoint);
  if (error.code !== 'NETWORK') return withInfo(error, { host, since });
  const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed/i.test(String(error.details?.reason ?? ''));
  const what = refused ? 'could not connect' : 'the connection broke off';
  const where = endpoint.baseUrl ? 'check VOICE_CODEGEN_GEMINI_BASE_URL (or the instance\'s base URL in settings) and your network' : 'check your network, VPN or proxy';
  return withInfo(error, { host, since }, `Cannot reach Gemini at ${host} (${what}): ${where}.`);
}
