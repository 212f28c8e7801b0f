// The dictation view's state and the pure reducer that folds pipeline events into it.
import type { AppErrorPayload, IntentSlots, PipelineEvent, PipelineResult, ProfileInfo, StageTimings } from '../../../preload/contract';

export type DictationPhase = 'idle' | 'starting' | 'listening' | 'transcribing' | 'waiting' | 'generating' | 'done' | 'error' | 'cancelled';

/** A request waiting for an automatic retry (Gemini asked it to, e.g. a 429 with RetryInfo). */
export interface WaitingInfo {
  until: number;
  delayMs: number;
  reason: AppErrorPayload;
}

export interface DictationState {
  phase: DictationPhase;
  source: 'voice' | 'text' | null;
  requestId: number | null;
  partial: string;
  transcript: string;
  intent: { name: string; confidence: number; slots: IntentSlots } | null;
  /** Raw streamed text as it arrives (may include a Markdown fence until the result replaces it). */
  streamed: string;
  result: PipelineResult | null;
  timings: StageTimings;
  error: AppErrorPayload | null;
  /** When the error arrived (epoch ms): a retry time it carries counts down from here. */
  errorAt: number | null;
  waiting: WaitingInfo | null;
  /** Input level, 0..1 (RMS). */
  level: number;
  copied: 'idle' | 'copied' | 'failed';
  /** An edit request: the selection it changes (null for new code). */
  edit: { before: string; lines: number; app?: string } | null;
  /** The app profile the request runs with ("Terminal: shell command"), once main knows it. */
  profile: ProfileInfo | null;
}

export const INITIAL_DICTATION: DictationState = {
  phase: 'idle',
  source: null,
  requestId: null,
  partial: '',
  transcript: '',
  intent: null,
  streamed: '',
  result: null,
  timings: {},
  error: null,
  edit: null,
  profile: null,
  errorAt: null,
  waiting: null,
  level: 0,
  copied: 'idle',
};

export function beginRequest(state: DictationState, source: 'voice' | 'text', transcript = ''): DictationState {
  return { ...INITIAL_DICTATION, phase: source === 'voice' ? 'starting' : 'transcribing', source, transcript, level: state.level };
}

const FINISHED: ReadonlySet<DictationPhase> = new Set(['done', 'error', 'cancelled', 'idle']);

export function isBusy(state: DictationState): boolean {
  return !FINISHED.has(state.phase);
}

/** Folds one pipeline event for the current request into the state; terminal states ignore late events. */
export function applyPipelineEvent(state: DictationState, event: PipelineEvent, now: number = Date.now()): DictationState {
  if (state.phase === 'cancelled' || state.phase === 'idle') return state;
  if (state.phase === 'done') {
    // Main echoes the result marked copied once it has put the code on the clipboard (the desktop overlay).
    if (event.type === 'result' && event.result.copied === true) return { ...state, copied: 'copied' };
    // An incomplete answer (MAX_TOKENS, SAFETY...) is followed by its error: shown beside the partial code.
    if (event.type === 'error' && state.result?.complete === false && state.error === null) return { ...state, error: event.error, errorAt: now };
    if (event.type !== 'timings') return state;
  }
  switch (event.type) {
    case 'listening':
      return state.phase === 'starting' ? { ...state, phase: 'listening' } : state;
    case 'transcript.partial':
      return { ...state, partial: event.text };
    case 'transcript.final':
      return { ...state, transcript: event.text, partial: event.text, waiting: null, phase: state.phase === 'error' ? state.phase : 'generating' };
    case 'intent':
      return { ...state, intent: { name: event.intent, confidence: event.confidence, slots: event.slots }, phase: state.phase === 'error' || state.phase === 'waiting' ? state.phase : 'generating' };
    case 'code.chunk':
      return { ...state, streamed: state.streamed + event.text, waiting: null, phase: state.phase === 'error' ? state.phase : 'generating' };
    case 'waiting':
      // A retry waits: the countdown replaces "writing" until the first chunk (or an error) arrives.
      return state.phase === 'error' || event.until <= now ? state : { ...state, phase: 'waiting', waiting: { until: event.until, delayMs: event.delayMs, reason: event.reason } };
    case 'result':
      return {
        ...state,
        phase: 'done',
        waiting: null,
        result: event.result,
        transcript: event.result.transcript || state.transcript,
        intent: state.intent ?? { name: event.result.intent, confidence: 1, slots: {} },
        timings: { ...state.timings, ...event.result.timings },
        copied: event.result.copied === true ? 'copied' : state.copied,
      };
    case 'error':
      // No speech: whatever the partial said was not heard from the user, so it is not shown as "You said".
      if (event.error.code === 'NO_SPEECH') return { ...state, phase: 'error', error: event.error, errorAt: now, waiting: null, partial: '', transcript: '' };
      return { ...state, phase: 'error', error: event.error, errorAt: now, waiting: null };
    case 'timings':
      return { ...state, timings: { ...state.timings, ...event.stages } };
    case 'edit':
      // The selection an edit changes: kept for the diff view (before against the streamed code).
      return { ...state, edit: { before: event.before, lines: event.lines, ...(event.app ? { app: event.app } : {}) } };
    case 'profile':
      return { ...state, profile: event.profile };
  }
}

/** The code to show while streaming: the model's text without an opening Markdown fence or a closing one. */
export function streamingCode(streamed: string): string {
  let text = streamed.replace(/^\s*```[\w+#.-]*[ \t]*\n?/, '');
  const close = text.lastIndexOf('\n```');
  if (close >= 0) text = text.slice(0, close);
  return text;
}

/** The language tag of an opening fence while streaming ("```python"), if any. */
export function streamingLanguage(streamed: string): string | null {
  const m = /^\s*```([\w+#.-]+)/.exec(streamed);
  return m?.[1] ?? null;
}
