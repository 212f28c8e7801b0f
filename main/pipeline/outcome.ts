// How a request's outcome is reported: the timings event's stages, monitor fields, and what an incomplete answer means.
import type { StageTimings } from '../../preload/contract.js';
import type { FinishReason, GenerationUsage } from '../gemini/types.js';
import type { SpeculationStats } from './speculation.js';

/** Every stage appears in the timings event; a stage that did not run (transcription of typed text, generation on a hit) took 0 ms. */
export function allStages(t: StageTimings): Required<Omit<StageTimings, 'waiting' | 'session'>> & Pick<StageTimings, 'waiting' | 'session'> {
  return {
    transcription: t.transcription ?? 0, intent: t.intent ?? 0, generation: t.generation ?? 0, total: t.total ?? 0,
    ...(t.waiting === undefined ? {} : { waiting: t.waiting }), ...(t.session === undefined ? {} : { session: t.session }),
  };
}

export function specFields(stats: SpeculationStats): { speculation?: SpeculationStats } {
  return stats.started > 0 ? { speculation: { ...stats } } : {};
}

/** Thinking tokens bill as output, so they are counted with it. */
export function usageFields(usage: GenerationUsage | undefined): { model?: string; promptTokens?: number; outputTokens?: number } {
  return usage ? { model: usage.model, promptTokens: usage.promptTokens, outputTokens: usage.outputTokens + (usage.thoughtsTokens ?? 0) } : {};
}

/** SAFETY and RECITATION withhold the answer (BLOCKED); anything else cut it short (TRUNCATED). */
export function incompleteCode(reason: FinishReason): 'BLOCKED' | 'TRUNCATED' {
  return reason === 'SAFETY' || reason === 'RECITATION' ? 'BLOCKED' : 'TRUNCATED';
}

export function incompleteMessage(reason: FinishReason): string {
  switch (reason) {
    case 'MAX_TOKENS':
      return 'The answer was cut off at the output limit, so it was not copied. Ask for something smaller, or raise the output token limit in Settings.';
    case 'SAFETY':
      return 'Gemini stopped the answer for safety reasons, so nothing was copied. Rephrase the request.';
    case 'RECITATION':
      return 'Gemini stopped the answer because it matched existing code too closely, so nothing was copied. Rephrase the request.';
    default:
      return 'The answer had no complete code block, so nothing was copied. Try again or rephrase the request.';
  }
}

/** Measures the time a request spent waiting for retries (its own `waiting` stage, kept out of generation and total). */
export class WaitClock {
  private startedAt: number | null = null;
  private delayMs = Infinity;
  /** What this clock measured. */
  totalMs = 0;
  /** A wait measured before (the transcription's), which `timings.waiting` also counts. */
  private readonly baseMs: number;

  constructor(private readonly now: () => number, private readonly timings: StageTimings) {
    this.baseMs = timings.waiting ?? 0;
  }

  /** Every wait of the request so far: the earlier stages' and this clock's. */
  get allMs(): number {
    return this.baseMs + this.totalMs;
  }

  /** A wait of `delayMs` starts now (the retry sleeps exactly that long unless cancelled). */
  start(delayMs: number): void {
    this.end();
    this.startedAt = this.now();
    this.delayMs = delayMs;
  }

  /** Called once the next thing arrived: the wait counts up to its delay, the retried call's own time does not. */
  end(): void {
    if (this.startedAt === null) return;
    this.totalMs += Math.min(this.now() - this.startedAt, this.delayMs);
    this.startedAt = null;
    this.timings.waiting = this.baseMs + this.totalMs;
  }
}
