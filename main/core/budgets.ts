// Stage budgets (target and maximum, in ms) from the design: the monitor alerts past the maximum.

export const STAGES = ['transcription', 'intent', 'generation', 'total'] as const;
export type Stage = (typeof STAGES)[number];

export interface Budget {
  targetMs: number;
  maxMs: number;
}

export const DEFAULT_BUDGETS: Readonly<Record<Stage, Budget>> = {
  transcription: { targetMs: 500, maxMs: 1000 },
  intent: { targetMs: 200, maxMs: 500 },
  generation: { targetMs: 1500, maxMs: 3000 },
  total: { targetMs: 2000, maxMs: 4000 },
};
