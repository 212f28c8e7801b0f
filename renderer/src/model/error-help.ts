// The one error table: every error code to a plain title, a one-line cause, what to do and which buttons; codes stay in details.
import type { AppErrorPayload } from '../../../preload/contract';
import { formatRetry } from './format';

/** Buttons an error can offer; the view wires each to what it does. */
export type ErrorAction = 'change-key' | 'open-settings' | 'retry' | 'continue';

export interface ErrorHelp {
  /** Plain words, no code ("Gemini quota reached — try again in 14 s"). */
  title: string;
  /** What happened, in one line. */
  cause: string;
  /** What to do, in one or two sentences. */
  advice: string;
  actions: ErrorAction[];
  /** 'warning' (amber) for an answer that arrived incomplete; 'error' otherwise. */
  tone: 'error' | 'warning';
  /** Epoch ms a countdown runs to (the title changes with it), when Gemini said when to try again. */
  countdownTo?: number;
}

interface Facts {
  error: AppErrorPayload;
  hotkey: string;
  /** Seconds (rounded up) until the retry time, or null when none is known. */
  wait: string | null;
  host: string;
  model: string | null;
  since: string | null;
  /** How this window records (push-to-talk, toggle, the page's button): advice that fits it. */
  input: SpeechInput;
}

/** How the user records a request in this window. */
export type SpeechInput = 'push-to-talk' | 'toggle' | 'button';

const NO_SPEECH_ADVICE: Record<SpeechInput, (hotkey: string) => string> = {
  'push-to-talk': (hotkey) => `Hold ${hotkey} while you speak and release it after your last word. If you did speak, check the microphone level meter moves and the right microphone is chosen.`,
  toggle: (hotkey) => `Press ${hotkey}, speak, then press it again when you are done. If you did speak, check the microphone level meter moves and the right microphone is chosen.`,
  button: () => 'Hold the button (or Space on it) while you speak and let go after your last word. If you did speak, check the microphone level meter moves and the browser uses the right microphone.',
};

type Entry = (facts: Facts) => Omit<ErrorHelp, 'tone' | 'countdownTo'> & { tone?: 'warning' };

const NETWORK_ADVICE = 'Check your network, VPN or proxy; if you set VOICE_CODEGEN_GEMINI_BASE_URL, check that address.';

/** Keyed by main/core/errors.ts ERROR_CODES (a unit test checks that every code has its row) plus the renderer's own. */
export const ERROR_TABLE: Readonly<Record<string, Entry>> = {
  NO_API_KEY: () => ({
    title: 'No Gemini API key',
    cause: 'Voice CodeGen needs a Gemini API key to transcribe and write code.',
    advice: 'Add a key in Settings → API key (get one at aistudio.google.com/apikey), or try the app without a key: quit and run "npm run demo" to use the simulated Gemini.',
    actions: ['open-settings'],
  }),
  INVALID_KEY: (f) => ({
    title: 'Google rejected the key',
    cause: f.error.info?.google ? `Google said: ${f.error.info.google}` : 'Gemini refused the API key in Settings (wrong, revoked, or not allowed for this API).',
    advice: 'Copy the key again from aistudio.google.com/apikey and save it in Settings → API key.',
    actions: ['change-key'],
  }),
  QUOTA: (f) => ({
    title: f.wait ? `Gemini quota reached — try again in ${f.wait}` : 'Gemini quota reached',
    cause: 'Google limits how many requests a key may make per minute and per day.',
    // The wait is in the title (live): the advice does not repeat it.
    advice: f.wait ? 'Google asks to wait; repeated requests are answered from the cache meanwhile, or add a key with more quota in Settings.' : 'Wait a minute and try again, or add a key with more quota in Settings.',
    actions: ['retry'],
  }),
  UNAVAILABLE: (f) => ({
    title: 'Gemini is unavailable',
    cause: `Gemini at ${f.host} answers with server errors${f.since ? ` since ${f.since}` : ''}.`,
    advice: f.wait ? `The next try is allowed in ${f.wait}.` : 'This is usually brief: try again in a moment.',
    actions: ['retry'],
  }),
  TIMEOUT: (f) => ({
    title: 'Gemini did not answer in time',
    cause: `Gemini at ${f.host} took longer than its deadline.`,
    advice: 'Try again; a shorter request is answered faster.',
    actions: ['retry'],
  }),
  NETWORK: (f) => ({
    title: `Cannot reach ${f.host}`,
    cause: `The connection to Gemini at ${f.host} failed or broke off.`,
    advice: NETWORK_ADVICE,
    actions: ['retry'],
  }),
  NO_HEALTHY_INSTANCE: (f) => ({
    title: `Gemini at ${f.host} is not answering`,
    cause: `Recent requests to ${f.host} failed${f.since ? ` since ${f.since}` : ''}, so new ones are paused.`,
    advice: f.wait ? `The next try is allowed in ${f.wait}. ${NETWORK_ADVICE}` : NETWORK_ADVICE,
    actions: ['retry'],
  }),
  POOL_EXHAUSTED: () => ({
    title: 'Too many requests at once',
    cause: 'Every Gemini connection is busy with another request.',
    advice: 'Wait for the running request to finish, then try again.',
    actions: ['retry'],
  }),
  BAD_REQUEST: (f) =>
    f.model
      ? { title: `Gemini does not know the model ${f.model}`, cause: 'A model name in Settings is wrong or was retired by Google.', advice: 'Open Settings → Gemini and choose a current model.', actions: ['open-settings'] }
      : { title: 'Gemini refused the request', cause: 'Gemini said the request is not valid.', advice: 'Rephrase the request; if it keeps happening, check the model names in Settings.', actions: ['retry'] },
  CANCELLED: () => ({ title: 'Cancelled', cause: 'The request was stopped before it finished.', advice: 'Nothing was generated.', actions: [] }),
  MEMORY_PRESSURE: () => ({
    title: 'Memory is low',
    cause: 'The computer is nearly out of memory, so new requests wait.',
    advice: 'Voice CodeGen is freeing memory and refuses new requests until it has. Close other heavy apps, wait a few seconds and try again.',
    actions: ['retry'],
  }),
  TOKEN_CAP: () => ({ title: "Today's token cap is reached", cause: 'The daily token limit set in Settings is used up.', advice: 'Raise the daily cap in Settings → Monitor, or wait until tomorrow.', actions: ['open-settings'] }),
  TRUNCATED: () => ({
    title: 'Incomplete: the answer hit the length limit',
    cause: 'Gemini stopped at the output token limit (MAX_TOKENS), so the code it wrote is not complete and was not copied.',
    advice: 'Continue asks Gemini for the rest; or raise the output token limit in Settings.',
    actions: ['continue'],
    tone: 'warning',
  }),
  BLOCKED: () => ({
    title: 'Incomplete: Gemini withheld the answer',
    cause: 'Gemini stopped for safety or recitation reasons, so nothing was copied.',
    advice: 'Rephrase the request.',
    actions: ['retry'],
    tone: 'warning',
  }),
  NO_MICROPHONE: (f) => ({
    title: 'No microphone',
    // The capture layer words its own messages for users (denied, missing, busy): the cause is that message.
    cause: f.error.message || 'The microphone could not be opened.',
    advice: 'In a browser, allow the microphone from the icon at the left of the address bar. You can type the request below meanwhile.',
    actions: ['retry'],
  }),
  BAD_AUDIO: (f) => ({ title: 'The audio could not be understood', cause: 'Nothing usable was heard.', advice: `Hold ${f.hotkey} (or the button) a little longer and speak clearly, or type the request.`, actions: ['retry'] }),
  NO_SPEECH: (f) => ({
    title: "Didn't catch that",
    cause: 'No speech was heard in the recording (only silence or background noise), so nothing was sent to Gemini and no tokens were spent.',
    advice: NO_SPEECH_ADVICE[f.input](f.hotkey),
    actions: ['retry'],
  }),
  INPUT_TOO_LARGE: () => ({ title: 'The request is too large', cause: 'The text or audio is over the size Voice CodeGen accepts.', advice: 'Send a shorter request, or less code with it.', actions: [] }),
  CONFIG: () => ({ title: 'A setting is not valid', cause: 'Voice CodeGen could not use the current settings.', advice: 'Open Settings and correct the highlighted value.', actions: ['open-settings'] }),
  STORAGE: () => ({ title: 'Could not save', cause: 'Writing to the app’s data folder failed.', advice: 'Check that the data folder (VOICE_CODEGEN_DATA_DIR) exists and is writable, then try again.', actions: ['retry'] }),
  DISK_FULL: () => ({ title: 'The disk is full', cause: 'History and cache cannot be saved because the disk has no space left.', advice: 'Free some disk space (or clear History), then try again.', actions: ['retry'] }),
  CACHE: () => ({ title: 'The cache failed', cause: 'A cache tier did not answer; the request goes to Gemini instead.', advice: 'Try again; if Redis is configured, check REDIS_URL.', actions: ['retry'] }),
  VALIDATION: () => ({ title: 'That input is not valid', cause: 'A value was outside what Voice CodeGen accepts.', advice: 'Correct it and try again.', actions: [] }),
  INTERNAL: (f) => ({
    title: 'Something went wrong',
    cause: 'Voice CodeGen hit an unexpected error.',
    advice: f.error.retryable ? 'Try again.' : 'Try again; if it keeps happening, restart Voice CodeGen.',
    actions: ['retry'],
  }),
};

function clock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
}

/** When Gemini said to try again (epoch ms), from the payload, measured from `receivedAt`. */
export function retryTime(error: AppErrorPayload, receivedAt: number): number | undefined {
  if (error.info?.retryAt !== undefined) return error.info.retryAt;
  return error.retryAfterMs === undefined ? undefined : receivedAt + error.retryAfterMs;
}

export interface ErrorHelpOptions {
  hotkey?: string;
  /** Now (epoch ms): the countdown's reference. */
  now?: number;
  /** When the error arrived (epoch ms); defaults to now. */
  receivedAt?: number;
  /** How this window records (default push-to-talk). */
  input?: SpeechInput;
}

export function errorHelp(error: AppErrorPayload, options: ErrorHelpOptions | string = {}): ErrorHelp {
  const o = typeof options === 'string' ? { hotkey: options } : options;
  const now = o.now ?? Date.now();
  const retryAt = retryTime(error, o.receivedAt ?? now);
  const facts: Facts = {
    error,
    hotkey: o.hotkey ?? 'the hotkey',
    // Once the time has passed there is nothing left to wait for: the title then simply offers to try again.
    wait: retryAt === undefined || retryAt <= now ? null : formatRetry(retryAt - now),
    host: error.info?.host ?? 'the Gemini endpoint',
    model: error.info?.model ?? null,
    since: error.info?.since === undefined ? null : clock(error.info.since),
    input: o.input ?? 'push-to-talk',
  };
  // Paused because of the key or the quota: the user needs that row (Change key, the wait), not "not answering".
  const cause = error.code === 'NO_HEALTHY_INSTANCE' ? error.info?.cause : undefined;
  const code = cause === 'INVALID_KEY' || cause === 'NO_API_KEY' || cause === 'QUOTA' ? cause : error.code;
  const entry = ERROR_TABLE[code] ?? ERROR_TABLE.INTERNAL;
  const help = (entry as Entry)(facts);
  return { ...help, tone: help.tone ?? 'error', ...(retryAt !== undefined && retryAt > now ? { countdownTo: retryAt } : {}) };
}

/** The status line while a request waits for an automatic retry ("Gemini quota reached — retrying in 14 s"). */
export function waitingTitle(reason: AppErrorPayload, until: number, now: number): string {
  if (until <= now) return 'Retrying now…';
  const left = formatRetry(until - now);
  if (reason.code === 'QUOTA') return `Gemini quota reached — retrying in ${left}`;
  if (reason.code === 'UNAVAILABLE') return `Gemini is busy — retrying in ${left}`;
  return `Gemini did not answer — retrying in ${left}`;
}

/** Turns anything a rejected Api call throws into the contract's error payload. */
export function toErrorPayload(error: unknown): AppErrorPayload {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; retryable?: unknown; retryAfterMs?: unknown; info?: unknown };
    return {
      code: String(e.code),
      message: String(e.message),
      retryable: e.retryable === true,
      ...(typeof e.retryAfterMs === 'number' ? { retryAfterMs: e.retryAfterMs } : {}),
      ...(e.info && typeof e.info === 'object' ? { info: e.info as AppErrorPayload['info'] } : {}),
    };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), retryable: false };
}
