// What the voice pipeline needs from the outside, as small interfaces: the app wires the concrete parts in.
import type { CodeCheck, IntentName, IntentSlots, PipelineEvent, StageTimings } from '../../preload/contract.js';
import type { GenerationChunk, LiveSession, WaitingListener } from '../gemini/types.js';

export interface IntentOutcome {
  intent: IntentName;
  slots: IntentSlots;
  confidence: number;
  source: string;
}

/** Replaces secrets (keys, tokens, passwords) before text is stored or sent. */
export type Redactor = (text: string) => string;

export interface IntentPort {
  /** The local recogniser: synchronous, well under a millisecond. */
  recognise(text: string, options: { defaultLanguage: string; clipboardCode?: string; knownIdentifiers?: readonly string[] }): IntentOutcome;
  /** Below the confidence threshold, an optional model-assisted classification bounded by the timeout. */
  refine(local: IntentOutcome, text: string, signal: AbortSignal): Promise<IntentOutcome>;
  /**
   * Spoken identifiers to code identifiers ("camel case fetch user" -> fetchUser; known names preferred),
   * learned names written in the target language's convention when `language` is given.
   */
  normaliseIdentifiers(text: string, known: readonly string[], language?: string): string;
  /** Normalisation for the cache key (case, fillers, punctuation). */
  normaliseForKey(text: string): string;
}

export interface PromptPort {
  /** `language` of the result is the answer's language (the target language for conversions). */
  build(input: { intent: IntentName; slots: IntentSlots; transcript: string; language: string; clipboard?: string; history?: readonly { transcript: string; code: string | null }[]; edit?: { selection: string; app?: string } }): { systemInstruction: string; prompt: string; language?: string; maxOutputTokens?: number };
  extract(answer: string, language: string): { code: string; language: string; complete: boolean; source?: 'fence' | 'unterminated-fence' | 'bare' | 'prose' | 'empty' };
}

export interface CachedValue {
  code: string;
  answer: string;
  language: string;
  intent: IntentName;
  finishReason: string;
  createdAt: number;
  /** The syntax check when it was written (only code that parses, or could not be checked, is cached). */
  check?: CodeCheck;
}

export interface CacheHit {
  value: CachedValue;
  tier: 'l1' | 'l2' | 'l3';
  ageMs: number;
}

export interface CachePort<K> {
  /** Hashes everything once; the key is then passed to every tier. */
  key(parts: { transcript: string; intent: string; language: string; context: string; selection?: string }): K;
  get(key: K, signal: AbortSignal): Promise<CacheHit | undefined>;
  set(key: K, value: CachedValue, ttlMs: number): Promise<void>;
}

export interface HistoryPort {
  /** Creates the row when the transcript is final, so nothing said is lost if a later stage fails. */
  create(entry: { requestId: string; transcript: string; source: 'voice' | 'text' | 'quick' | 'file' }): Promise<number>;
  /** Awaited for the final state, so an acknowledged result is always in history. */
  update(requestId: string, patch: HistoryPatch): Promise<void>;
  /** The last `limit` requests, oldest first. */
  recent(limit: number): readonly { transcript: string; code: string | null }[];
  /** A cache hit: counts a use of the entry that already holds this answer and drops the request's own row; its id, or undefined. */
  reuse?(requestId: string, answer: { code: string; language: string }): Promise<number | undefined>;
}

export interface HistoryPatch {
  intent?: string;
  language?: string;
  code?: string;
  answer?: string;
  timings?: StageTimings;
  cachedTier?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  complete?: boolean;
  /** The syntax check's outcome and any repair. */
  check?: CodeCheck;
  /** An edit: the selection before and its replacement after (the pipeline redacts both before they get here). */
  edit?: { before: string; after: string; app?: string };
}

export interface GeneratorPort {
  /** Streams an answer; retries/failover happen inside only while nothing has been yielded. */
  stream(request: { systemInstruction: string; prompt: string; signal: AbortSignal; maxOutputTokens?: number }): AsyncIterable<GenerationChunk>;
}

export interface LiveSessionSource {
  /** A ready (setup complete) session, pre-warmed where possible. */
  acquire(signal: AbortSignal): Promise<LiveSession>;
  /** Gives the session back after one utterance (the pool decides to replace or reuse it). */
  release(session: LiveSession, reusable: boolean): void;
}

export interface FileTranscriberPort {
  /** `onWaiting` is told before a retry waits (the request then says so instead of seeming stuck). */
  transcribe(audio: Uint8Array, mimeType: string, signal: AbortSignal, onWaiting?: WaitingListener): Promise<string>;
}

/** Encodes kept utterance audio for the REST fallback (in a worker). */
export interface AudioEncoderPort {
  encodeForUpload(pcm16: Uint8Array, sampleRate: number, signal: AbortSignal): Promise<{ data: Uint8Array; mimeType: string }>;
}

export interface ContextPort {
  /** Loads what a request may need (started at hotkey down, before the transcript is known). */
  load(signal: AbortSignal): Promise<LoadedContext>;
}

export interface LoadedContext {
  clipboard?: string;
  clipboardLanguage?: string;
  history: readonly { transcript: string; code: string | null }[];
  /** Identifiers likely to be said (vocabulary). */
  identifiers: readonly string[];
}

export interface RequestObservation {
  timings: StageTimings;
  cacheTier: 'l1' | 'l2' | 'l3' | 'miss' | null;
  errorCode: string | null;
  model?: string;
  promptTokens?: number;
  outputTokens?: number;
  source: 'voice' | 'text' | 'quick' | 'file';
  speculation?: { started: number; kept: number; wasted: number; wastedTokens: number; wastedPromptTokens?: number; wastedOutputTokens?: number };
}

export interface MonitorPort {
  record(observation: RequestObservation): void;
  /** Throws TOKEN_CAP when today's tokens reached the cap. */
  checkTokenCap(): void;
}

export interface AdmissionPort {
  /** Throws MEMORY_PRESSURE while memory is critical. */
  assertAdmission(): void;
}

export type EventSink = (event: PipelineEvent) => void;
