// What Gemini calls cost since start and today: tokens and estimated cost by kind, and today's total for the cap.
import { estimateCostUsd, priceOf, type PriceTable } from './token-prices.js';
import type { TokenKind, TokenUsage } from './request-observation.js';

export interface KindTotals {
  input: number;
  output: number;
  costUsd: number;
}

function nextLocalMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

export class TokenLedger {
  costUsd = 0;
  private readonly kinds: Partial<Record<TokenKind, KindTotals>> = {};
  private today = 0;
  private dayEndsAt: number;

  constructor(private readonly prices: PriceTable, startedAt: number) {
    this.dayEndsAt = nextLocalMidnight(startedAt);
  }

  /** Adds one call's usage (thinking tokens are in `output`); returns its estimated cost in USD. */
  add(usage: TokenUsage, now: number): { input: number; output: number; kind: TokenKind; costUsd: number } {
    const input = Math.max(0, usage.input);
    const output = Math.max(0, usage.output);
    const kind = usage.kind ?? 'generation';
    const costUsd = estimateCostUsd(priceOf(this.prices, usage.model), input, output, usage.audioInput ?? 0);
    this.costUsd += costUsd;
    const totals = (this.kinds[kind] ??= { input: 0, output: 0, costUsd: 0 });
    totals.input += input;
    totals.output += output;
    totals.costUsd += costUsd;
    this.todayAt(now);
    this.today += input + output;
    return { input, output, kind, costUsd };
  }

  /** Tokens used since the last local midnight. */
  todayAt(now: number): number {
    if (now >= this.dayEndsAt) {
      this.today = 0;
      this.dayEndsAt = nextLocalMidnight(now);
    }
    return this.today;
  }

  byKind(): Partial<Record<TokenKind, KindTotals>> {
    return structuredClone(this.kinds);
  }
}
