// What the CLI says when a request fails: the app's errors with advice a terminal user can follow (env variables and flags, not Settings or a microphone meter).
import type { AppError, ErrorCode } from '../../core/errors.js';

const GOOGLE_HOST = 'generativelanguage.googleapis.com';

/** The host every Gemini call goes to, as the user configured it. */
export function endpointHost(baseUrl: string | undefined): string {
  if (!baseUrl) return GOOGLE_HOST;
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

type Advice = (e: AppError, host: string) => string;

const ADVICE: Partial<Record<ErrorCode, Advice>> = {
  NO_API_KEY: () => 'No Gemini API key. Set GEMINI_API_KEY (or VOICE_CODEGEN_GEMINI_BASE_URL for a proxy or the simulator; `npm run gemini-sim` prints both).',
  INVALID_KEY: (_e, host) => `${host} rejected the API key. Check GEMINI_API_KEY (create a key at aistudio.google.com/apikey).`,
  NETWORK: (_e, host) => `Cannot reach Gemini at ${host}. Check your network, or VOICE_CODEGEN_GEMINI_BASE_URL if you set it.`,
  TIMEOUT: (_e, host) => `Gemini at ${host} did not answer in time. Try again; if it keeps happening, check your network or VOICE_CODEGEN_GEMINI_BASE_URL.`,
  UNAVAILABLE: (_e, host) => `Gemini at ${host} is unavailable right now. Try again in a minute.`,
  NO_HEALTHY_INSTANCE: (_e, host) => `Gemini at ${host} failed several times in a row. Try again in a minute.`,
  QUOTA: (e) => `Gemini quota reached${e.retryAfterMs ? `: retry in ${Math.ceil(e.retryAfterMs / 1000)} s` : ''}. Wait, or use a key with more quota in GEMINI_API_KEY.`,
  TOKEN_CAP: () => "Today's token cap is reached. Raise monitor.dailyTokenCap in the settings of VOICE_CODEGEN_DATA_DIR, or wait until tomorrow.",
  BAD_AUDIO: (e) => (/Nothing was heard/.test(e.message)
    ? 'No speech was heard in the file. Record the request again (16-bit PCM WAV), speaking clearly, or use --text "...".'
    : e.message),
  // The file itself is the advice: the app's message already says "Didn't catch that" and how much voice it held.
  NO_SPEECH: (e) => e.message,
};

/** One line for stderr: the advice, and the code for reports (except where the advice says it all). */
export function cliErrorMessage(e: AppError, baseUrl: string | undefined): string {
  const advice = ADVICE[e.code];
  const text = advice ? advice(e, endpointHost(baseUrl)) : e.message;
  return e.code === 'NO_API_KEY' || e.code === 'INVALID_KEY' ? text : `${text} [${e.code}]`;
}

/** Stage timings (the timings event's and the result's) rounded to 0.1 ms: more digits are noise. */
export function roundTimes<E>(event: E): E {
  const record = event as Record<string, unknown>;
  if (record.type === 'timings') return { ...record, stages: rounded(record.stages) } as E;
  if (record.type === 'result' && typeof record.result === 'object' && record.result !== null) {
    const result = record.result as Record<string, unknown>;
    return { ...record, result: { ...result, timings: rounded(result.timings) } } as E;
  }
  return event;
}

function rounded(stages: unknown): unknown {
  if (typeof stages !== 'object' || stages === null) return stages;
  const out: Record<string, unknown> = {};
  for (const [stage, ms] of Object.entries(stages)) out[stage] = typeof ms === 'number' ? Math.round(ms * 10) / 10 : ms;
  return out;
}
