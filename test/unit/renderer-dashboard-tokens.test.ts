// The dashboard model reads tokens and cost by kind of Gemini call from the monitor's snapshot.
import { describe, expect, it } from 'vitest';
import { readDashboard } from '../../renderer/src/model/dashboard-model.js';

describe('dashboard tokens by kind', () => {
  it('lists each kind with its label, in the order a request uses them, and tolerates junk', () => {
    const m = readDashboard({
      tokens: {
        today: 1234, dailyCap: null, estimatedCostUsd: 0.01,
        byKind: {
          generation: { input: 200, output: 400, costUsd: 0.001 },
          speculation: { input: 180, output: 50, costUsd: 0.0002 },
          transcription: { input: 96, output: 12, costUsd: 0.0001 },
          intent_assist: { input: 40, output: 2, costUsd: 0.00001 },
          broken: 'x',
        },
      },
    });
    expect(m.tokens?.byKind.map((k) => [k.kind, k.label, k.input, k.output])).toEqual([
      ['transcription', 'Transcription (Live)', 96, 12],
      ['intent_assist', 'Intent assist', 40, 2],
      ['generation', 'Code generation', 200, 400],
      ['speculation', 'Speculation (discarded)', 180, 50],
    ]);
  });

  it('an older snapshot without byKind still shows the totals', () => {
    expect(readDashboard({ tokens: { today: 5, dailyCap: 10, estimatedCostUsd: 0 } }).tokens).toMatchObject({ today: 5, cap: 10, byKind: [] });
  });
});
