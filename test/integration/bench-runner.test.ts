// The bench runner: every suite runs under a hard time limit; a hung suite is stopped, named with its step, and the
// run goes on with the other suites.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSuites } from '../bench/runner.js';

const dir = mkdtempSync(join(tmpdir(), 'vcg-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, 'hangs.ts'), `
export async function run(ctx) {
  ctx.step('warming up');
  ctx.record('hangs.before', { value: 1, unit: 'ms', better: 'lower', goal: null });
  ctx.step('waiting for a reply that never comes');
  await new Promise(() => setInterval(() => undefined, 1000));
}
`);
writeFileSync(join(dir, 'works.ts'), `
export async function run(ctx) {
  ctx.step('measuring');
  ctx.record('works.value', { value: 42, unit: 'ms', better: 'lower', goal: 100 });
}
`);
writeFileSync(join(dir, 'throws.ts'), `
export async function run(ctx) {
  ctx.step('opening the database');
  throw new Error('no such table');
}
`);

describe('bench runner', () => {
  it('stops a hung suite at its deadline, names the step it hung in, keeps its earlier metrics and runs the rest', async () => {
    const lines: string[] = [];
    const t0 = Date.now();
    const { metrics, outcomes } = await runSuites({ names: ['hangs', 'works', 'throws'], suitesDir: dir, deadlineMs: (s) => (s === 'hangs' ? 3_000 : 30_000), log: (l) => lines.push(l) });
    expect(Date.now() - t0).toBeLessThan(25_000);
    expect(outcomes.map((o) => [o.suite, o.status, o.step])).toEqual([
      ['hangs', 'hung', 'waiting for a reply that never comes'],
      ['works', 'ok', 'measuring'],
      ['throws', 'failed', 'opening the database'],
    ]);
    expect(outcomes[2]?.error).toMatch(/no such table/);
    expect(metrics.get('hangs.before')?.value).toBe(1);
    expect(metrics.get('works.value')).toMatchObject({ value: 42, met: true });
    expect(lines.some((l) => /hangs HUNG in step "waiting for a reply that never comes"/.test(l))).toBe(true);
  }, 60_000);
});
