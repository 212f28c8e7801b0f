// Stage budgets (target and maximum, ms) as the design states them; the renderer cannot import main/core, so they are restated here.
import type { StageTimings } from '../../../preload/contract';

export const STAGES = ['transcription', 'intent', 'generation', 'total'] as const;
export type Stage = (typeof STAGES)[number];

export interface Budget {
  targetMs: number;
  maxMs: number;
}

/** ARCHITECTURE.md: transcription 500/1000, intent 200/500, generation 1500/3000, end to end 2000/4000. */
export const DEFAULT_BUDGETS: Readonly<Record<Stage, Budget>> = {
  transcription: { targetMs: 500, maxMs: 1000 },
  intent: { targetMs: 200, maxMs: 500 },
  generation: { targetMs: 1500, maxMs: 3000 },
  total: { targetMs: 2000, maxMs: 4000 },
};

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  transcription: 'Transcription',
  intent: 'Intent',
  generation: 'Generation',
  total: 'Total',
};

export type BudgetVerdict = 'within-target' | 'over-target' | 'over-max';

export function judge(ms: number, budget: Budget): BudgetVerdict {
  if (ms > budget.maxMs) return 'over-max';
  if (ms > budget.targetMs) return 'over-target';
  return 'within-target';
}

/** Budgets from settings when they are there and well formed, else the design's defaults. */
export function budgetsFrom(settings: Record<string, unknown> | null): Record<Stage, Budget> {
  const out: Record<Stage, Budget> = { ...DEFAULT_BUDGETS };
  const raw = settings?.['budgets'];
  if (!raw || typeof raw !== 'object') return out;
  for (const stage of STAGES) {
    const b = (raw as Record<string, unknown>)[stage] as Partial<Budget> | undefined;
    if (b && typeof b.targetMs === 'number' && typeof b.maxMs === 'number') out[stage] = { targetMs: b.targetMs, maxMs: b.maxMs };
  }
  return out;
}

export function hasAnyTiming(t: StageTimings | null | undefined): boolean {
  return !!t && STAGES.some((s) => typeof t[s] === 'number');
}
