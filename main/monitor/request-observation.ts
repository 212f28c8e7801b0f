// What one request hands the performance monitor when it ends (the pipeline builds it from its stage timings).
import type { Stage } from '../core/budgets.js';
import type { ErrorCode } from '../core/errors.js';
import type { CacheTier } from './prometheus.js';

export interface TokenUsage {
  model: string;
  /** usageMetadata.promptTokenCount */
  input: number;
  /** usageMetadata.candidatesTokenCount */
  output: number;
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
  speculation?: { started: number; kept: number; wasted: number; wastedTokens: number };
}
