// The dashboard snapshot the monitor pushes to the UI every dashboardIntervalMs and returns on demand.
import type { Stage } from '../core/budgets.js';
import type { Alert } from './alerts.js';
import type { LatencySummary } from './latency-samples.js';
import type { MinutePoint } from './minute-series.js';
import type { CacheTier } from './prometheus.js';
import type { PoolSize } from './report.js';
import type { ResourceSample } from './resource-sampler.js';
import type { TokenKind } from './request-observation.js';

export interface DashboardSnapshot {
  at: number;
  uptimeMs: number;
  requests: number;
  errors: number;
  /** In the sliding alert window. */
  errorRate: number;
  cache: Record<CacheTier, number> & { hitRate: number };
  /** Over the last 1000 requests. */
  stages: Record<Stage, LatencySummary>;
  /** `byKind` since start: only the kinds that were used appear. */
  tokens: { today: number; dailyCap: number | null; estimatedCostUsd: number; byKind: Partial<Record<TokenKind, { input: number; output: number; costUsd: number }>> };
  speculation: { started: number; kept: number; wasted: number; wastedTokens: number; wastedPromptTokens: number; wastedOutputTokens: number };
  resources: ResourceSample | null;
  pools: Record<string, PoolSize>;
  recentAlerts: Alert[];
  /** The last hour, minute by minute (only minutes with requests). */
  series: MinutePoint[];
}
