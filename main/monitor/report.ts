// The hourly report's shape and where it goes (ReportStore: the store owner provides one backed by SQLite).
import type { Stage } from '../core/budgets.js';
import type { Alert, AlertKind } from './alerts.js';
import type { LatencySummary } from './latency-samples.js';
import type { CacheTier } from './prometheus.js';

export interface StageReport extends LatencySummary {
  targetMs: number;
  maxMs: number;
  /** Observations above the stage's maximum. */
  overMax: number;
}

export interface TokenTotals {
  input: number;
  output: number;
  costUsd: number;
}

export interface PoolSize {
  size: number;
  idle?: number;
  min?: number;
  max?: number;
  /** Requests queued for one of the pool's resources (bounded by the pool: acquire timeout, queue limit). */
  waiting?: number;
}

export interface ResourceUse {
  samples: number;
  cpuPercentAvg: number;
  cpuPercentMax: number;
  rssBytesAvg: number;
  rssBytesMax: number;
  heapUsedBytesMax: number;
}

export interface Report {
  period: { from: number; to: number; durationMs: number };
  requests: number;
  /** Failed requests, not counting cancellations (a user pressing Esc is not an error). */
  errors: number;
  cancelled: number;
  errorRate: number;
  errorsByCode: Record<string, number>;
  throughputPerMinute: number;
  /** Per stage; `total` is end to end. */
  stages: Record<Stage, StageReport>;
  cache: Record<CacheTier, number> & { hitRate: number };
  /** `byKind`: transcription, batch_transcription, intent_assist, generation, speculation (the kinds used). */
  tokens: TokenTotals & { byModel: Record<string, TokenTotals>; byKind: Record<string, TokenTotals>; estimated: true };
  speculation: { started: number; kept: number; wasted: number; wastedTokens: number };
  resources: ResourceUse;
  pools: Record<string, PoolSize>;
  alerts: { emitted: number; suppressed: number; byKind: Record<AlertKind, number>; recent: Alert[] };
  recommendations: string[];
}

export interface ReportStore {
  save(report: Report): void;
}
