// Shared shapes of the Gemini layer: endpoints, Live sessions and utterances, generation chunks.
import type { Disposable } from '../core/events.js';
import type { GeminiModels } from '../config/schema.js';
import type { AppError } from '../core/errors.js';

/** One Gemini instance the balancer can use (settings' gemini.instances, resolved). */
export interface GeminiEndpoint {
  name: string;
  apiKey: string;
  /** When set, every REST and Live call goes here (httpOptions.baseUrl). */
  baseUrl?: string;
  models: GeminiModels;
}

export interface LiveCloseInfo {
  code: number;
  reason: string;
}

/** Callbacks of one push-to-talk utterance on a Live session. */
export interface UtteranceCallbacks {
  onPartial?(text: string): void;
}

/** One utterance in progress: PCM16 mono 16 kHz chunks go in, the final transcript comes out. */
export interface Utterance {
  /** Sends a chunk of 16 kHz mono little-endian PCM16 at once (no buffering). */
  push(pcm16: Uint8Array): void;
  /** Sends activityEnd and resolves with the final transcript. */
  finish(signal?: AbortSignal): Promise<string>;
  /** Abandons the utterance (the session is then closed: a half-sent turn cannot be reused). */
  cancel(): void;
}

/** A Live transcription session whose setup has completed (ready to take audio). */
export interface LiveSession {
  readonly id: string;
  readonly endpointName: string;
  readonly createdAt: number;
  /** The custom vocabulary this session was set up with. */
  readonly vocabulary: readonly string[];
  /** True once goAway arrived or the socket is closing/closed: never hand it out. */
  readonly closing: boolean;
  readonly closed: boolean;
  startUtterance(callbacks?: UtteranceCallbacks): Utterance;
  onClose(listener: (info: LiveCloseInfo) => void): Disposable;
  onGoAway(listener: (timeLeftMs: number) => void): Disposable;
  close(): void;
}

export interface LiveConnectOptions {
  vocabulary?: readonly string[];
  signal?: AbortSignal;
}

/** Opens Live sessions on one endpoint; resolves only once setupComplete arrived (under its own timeout). */
export interface LiveSessionFactory {
  connect(options?: LiveConnectOptions): Promise<LiveSession>;
}

export interface GenerationUsage {
  promptTokens: number;
  outputTokens: number;
  /** usageMetadata.thoughtsTokenCount: billed as output (0 at MINIMAL thinking). */
  thoughtsTokens?: number;
  totalTokens: number;
  model: string;
}

/** What one Gemini call cost, for accounting by kind (the monitor's TokenUsage has the same shape). */
export interface GeminiTokenUsage {
  kind: 'transcription' | 'batch_transcription' | 'intent_assist';
  model: string;
  /** promptTokenCount, audio included. */
  input: number;
  /** The audio part of `input` (promptTokensDetails, modality AUDIO). */
  audioInput: number;
  /** Response (candidates) tokens plus thinking tokens. */
  output: number;
}

/** The usageMetadata fields we read, from REST (candidatesTokenCount) or Live (responseTokenCount). */
export interface UsageMetadataLike {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  responseTokenCount?: number;
  thoughtsTokenCount?: number;
  promptTokensDetails?: Array<{ modality?: string; tokenCount?: number }>;
}

export function tokenUsageOf(kind: GeminiTokenUsage['kind'], model: string, meta: UsageMetadataLike | undefined): GeminiTokenUsage | undefined {
  if (!meta) return undefined;
  const input = meta.promptTokenCount ?? 0;
  const audioInput = (meta.promptTokensDetails ?? []).reduce((n, d) => n + (d.modality === 'AUDIO' ? (d.tokenCount ?? 0) : 0), 0);
  const output = (meta.candidatesTokenCount ?? meta.responseTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0);
  return input + output > 0 ? { kind, model, input, audioInput, output } : undefined;
}

export type FinishReason = 'STOP' | 'MAX_TOKENS' | 'SAFETY' | 'RECITATION' | 'OTHER' | 'UNKNOWN';

export type GenerationChunk =
  | { type: 'text'; text: string }
  | { type: 'done'; finishReason: FinishReason; usage: GenerationUsage | undefined; responseId?: string }
  /** Nothing was shown yet and a retry waits until `until` (epoch ms), e.g. for a 429's RetryInfo. */
  | { type: 'waiting'; until: number; delayMs: number; error: AppError };

/** Told before a retry waits (the pipeline turns it into a 'waiting' event for the UI). */
export type WaitingListener = (info: { until: number; delayMs: number; error: AppError }) => void;

export interface GenerateRequest {
  systemInstruction: string;
  prompt: string;
  signal?: AbortSignal;
  onWaiting?: WaitingListener;
  /** Raises the settings' output limit for this request (an edit answers with the whole selection); never lowers it. */
  maxOutputTokens?: number;
}
