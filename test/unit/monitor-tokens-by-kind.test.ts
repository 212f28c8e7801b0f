// The monitor's token accounting: every kind of Gemini call counts toward cost, the daily cap and the by-kind totals.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../main/config/load.js';
import { PerformanceMonitor } from '../../main/monitor/performance-monitor.js';

const open: PerformanceMonitor[] = [];
afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

function monitor(dailyTokenCap: number | null = null): PerformanceMonitor {
  const m = new PerformanceMonitor({ settings: { ...parseSettings({}).monitor, dailyTokenCap }, sampler: { sample: () => ({ cpuPercent: 0, rssBytes: 0, heapUsedBytes: 0 }) } });
  open.push(m);
  return m;
}

describe('tokens by kind', () => {
  it('prices audio input at the audio rate and thinking-inclusive output at the output rate', () => {
    const m = monitor();
    // gemini-3.5-transcribe-live: $0.30 text, $1.00 audio input, $2.50 output per 1M tokens (models.ts).
    m.recordTokens({ kind: 'transcription', model: 'gemini-3.5-transcribe-live', input: 1_000_000, audioInput: 1_000_000, output: 0 });
    m.recordTokens({ kind: 'intent_assist', model: 'gemini-3.5-flash-lite', input: 1_000_000, output: 1_000_000 });
    const tokens = m.dashboard().tokens;
    expect(tokens.byKind.transcription).toEqual({ input: 1_000_000, output: 0, costUsd: 1 });
    expect(tokens.byKind.intent_assist?.costUsd).toBeCloseTo(0.5, 10);
    expect(tokens.estimatedCostUsd).toBeCloseTo(1.5, 10);
    expect(tokens.today).toBe(3_000_000);
  });

  it('the daily cap counts tokens recorded outside a request (transcription, intent assist)', () => {
    const m = monitor(100);
    m.recordTokens([{ kind: 'transcription', model: 'gemini-3.5-transcribe-live', input: 60, audioInput: 60, output: 10 }]);
    expect(() => m.checkTokenCap()).not.toThrow();
    m.recordTokens({ kind: 'intent_assist', model: 'gemini-3.5-flash-lite', input: 40, output: 1 });
    expect(() => m.checkTokenCap()).toThrow(expect.objectContaining({ code: 'TOKEN_CAP' }));
  });

  it('the hourly report splits tokens by kind, and a request without a kind is generation', () => {
    const m = monitor();
    m.recordRequest({ stages: { total: 10 }, tokens: [{ model: 'gemini-3.8-flash', input: 190, output: 160 }, { model: 'gemini-3.8-flash', kind: 'speculation', input: 180, output: 20 }] });
    const report = m.saveReport();
    expect(report.tokens.byKind).toMatchObject({ generation: { input: 190, output: 160 }, speculation: { input: 180, output: 20 } });
    expect(m.dashboard().tokens.byKind.generation).toMatchObject({ input: 190, output: 160 });
  });
});
