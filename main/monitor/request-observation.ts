// What one request hands the performance monitor when it ends (the pipeline builds it from its stage timings).
import type { Stage } from '../core/budgets.js';
import type { ErrorCode } from '../core/errors.js';
import type { CacheTier } from './prometheus.js';

/** What a Gemini call was for: the dashboard and /metrics show tokens and cost by these. */
export const TOKEN_KINDS = ['transcription', 'batch_transcription', 'intent_assist', 'generation', 'speculation'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface TokenUsage {
  model: string;
  /** Absent: 'generation'. 'speculation' is the cost of discarded speculative streams (a kept one is the generation). */
  kind?: TokenKind;
  /** usageMetadata.promptTokenCount */
  input: number;
  /** The part of `input` that was audio (priced at the audio rate). */
  audioInput?: number;
  /** usageMetadata.candidatesTokenCount (or responseTokenCount on Live) plus thoughtsTokenCount: both bill as output. */
  output: number;
}

/** Speculation counters of one request; the prompt/output split of wasted tokens is optional for older callers. */
export interface SpeculationCounts {
  started: number;
  kept: number;
  wasted: number;
  wastedTokens: number;
  wastedPromptTokens?: number;
  wastedOutputTokens?: number;
}

/** Everything one request produced; the pipeline calls recordRequest once, when the request ends. */
export interface RequestObservation {
  /** Milliseconds per stage that ran; `total` is end to end. */
  stages: Partial<Record<Stage, number>>;
  /** The tier that answered, 'miss' when none did; omitted when the cache was not consulted. */
  cache?: CacheTier;
  /** Every generation the request paid for, speculative ones included (they count toward the cap). */
  tokens?: TokenUsage | readonly TokenUsage[];
  /** Set when the request failed. CANCELLED is counted apart and never raises the error rate. */
  errorCode?: ErrorCode;
  speculation?: SpeculationCounts;
}
