// What an error code means for the user: a short title and what to do next (the message from main says what happened).
import type { AppErrorPayload } from '../../../preload/contract';
import { formatRetry } from './format';

export type ErrorAction = 'open-settings' | 'retry' | 'none';

export interface ErrorHelp {
  title: string;
  /** What to do, in one or two sentences. */
  advice: string;
  action: ErrorAction;
}

export function errorHelp(error: AppErrorPayload, hotkey = 'the hotkey'): ErrorHelp {
  switch (error.code) {
    case 'NO_API_KEY':
      return {
        title: 'No Gemini API key',
        advice: 'Add a key in Settings → API key (get one at aistudio.google.com/apikey), or try the app without a key: quit and run "npm run demo" to use the simulated Gemini.',
        action: 'open-settings',
      };
    case 'INVALID_KEY':
      return { title: 'The Gemini API key was refused', advice: 'Check the key in Settings → API key and save a new one.', action: 'open-settings' };
    case 'NO_MICROPHONE':
      return {
        title: 'No microphone',
        advice: 'In a browser, allow the microphone from the icon at the left of the address bar. You can type the request below meanwhile.',
        action: 'retry',
      };
    case 'MEMORY_PRESSURE':
      return {
        title: 'Memory is low',
        advice: 'Voice CodeGen is freeing memory and refuses new requests until it has. Close other heavy apps, wait a few seconds and try again.',
        action: 'retry',
      };
    case 'QUOTA':
      return {
        title: 'Gemini quota reached',
        advice: error.retryAfterMs !== undefined ? `Google asks to wait: try again in ${formatRetry(error.retryAfterMs)}. Repeated requests are answered from the cache meanwhile.` : 'Wait a minute and try again, or add a key with more quota in Settings.',
        action: 'retry',
      };
    case 'TOKEN_CAP':
      return { title: "Today's token cap is reached", advice: 'Raise the daily cap in Settings → Monitor, or wait until tomorrow.', action: 'open-settings' };
    case 'TIMEOUT':
    case 'UNAVAILABLE':
    case 'NETWORK':
    case 'NO_HEALTHY_INSTANCE':
    case 'POOL_EXHAUSTED':
      return { title: 'Gemini did not answer in time', advice: 'Check your connection and try again; the request is retried on another instance when one is configured.', action: 'retry' };
    case 'TRUNCATED':
      return { title: 'The answer was cut short', advice: 'The code below is incomplete: ask for something smaller, or raise the output token limit in Settings.', action: 'none' };
    case 'BLOCKED':
      return { title: 'Gemini refused to answer', advice: 'Rephrase the request.', action: 'retry' };
    case 'BAD_AUDIO':
      return { title: 'The audio could not be understood', advice: `Hold ${hotkey} (or the button) a little longer and speak clearly, or type the request.`, action: 'retry' };
    case 'CANCELLED':
      return { title: 'Cancelled', advice: 'Nothing was generated.', action: 'none' };
    default:
      return { title: 'Something went wrong', advice: error.retryable ? 'Try again.' : 'Try again; if it keeps happening, restart Voice CodeGen.', action: error.retryable ? 'retry' : 'none' };
  }
}

/** Turns anything a rejected Api call throws into the contract's error payload. */
export function toErrorPayload(error: unknown): AppErrorPayload {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; retryable?: unknown; retryAfterMs?: unknown };
    return {
      code: String(e.code),
      message: String(e.message),
      retryable: e.retryable === true,
      ...(typeof e.retryAfterMs === 'number' ? { retryAfterMs: e.retryAfterMs } : {}),
    };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), retryable: false };
}
