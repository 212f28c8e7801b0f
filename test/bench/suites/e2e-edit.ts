// Suite e2e-edit: what an edit request adds on top of Gemini's own time (edit prompt, fitting, secrets, history with before/after), simulator in its own process.
import type { EditTarget } from '../../../preload/contract.js';
import { startHarness } from '../../support/app-harness.js';
import { startSimulatorProcess, type SimulatorProcess } from '../../support/simulator-process.js';
import { stats, type BenchContext } from '../harness.js';

const WARMUP = 30;
const SAMPLES = 520;
/** Stats are fetched and reset per batch, so the simulator's request log stays small. */
const BATCH = 40;

const INSTRUCTIONS = ['rename user to account', 'make this async', 'add a parameter max speed', 'handle the error', 'add types'];

/** Selections of the sizes people select: a few lines, a function, a long block (about 8 KB), in TypeScript (CRLF, tabs) and Python. */
function selections(): EditTarget[] {
  const tsFn = (n: number): string => [`\tfunction loadUser${n}(user, id = ${n}) {`, ...Array.from({ length: n }, (_, i) => `\t\tconst user${i} = user.items[${i}] ?? id;`), '\t\treturn user;', '\t}', ''].join('\r\n');
  const pyFn = (n: number): string => [`    def load_user_${n}(self, user, retries=${n}):`, ...Array.from({ length: n }, (_, i) => `        user_${i} = user.items[${i}]`), '        return user', ''].join('\n');
  return [
    { selection: tsFn(3), app: 'Code' },
    { selection: tsFn(40), language: 'typescript', app: 'Code' },
    { selection: tsFn(200), app: 'Code' },
    { selection: pyFn(5) },
    { selection: pyFn(60), language: 'python' },
  ];
}

async function resetStats(sim: SimulatorProcess): Promise<void> {
  const res = await fetch(`${sim.adminUrl}/stats/reset`, { method: 'POST', headers: { authorization: `Bearer ${sim.adminToken}`, 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`simulator admin /stats/reset: ${res.status}`);
}

const quantile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;

export async function run(ctx: BenchContext): Promise<void> {
  ctx.step('starting the simulator process');
  // The simulator runs in its own process, as Google's servers are not in the app's event loop; 'instant' so that
  // 500 samples fit the suite's time (our part of a request does not depend on how fast the server streams).
  const sim = await startSimulatorProcess('instant');
  const h = await startHarness({ remote: sim, prewarm: false });
  const targets = selections();
  const overhead: number[] = [];
  const client: number[] = [];
  let selectionBytes = 0;
  try {
    await resetStats(sim);
    for (let done = 0; done < WARMUP + SAMPLES; ) {
      ctx.step(`edit requests ${done}-${done + BATCH}`);
      const times: number[] = [];
      for (let i = 0; i < BATCH && done < WARMUP + SAMPLES; i++, done++) {
        const edit = targets[done % targets.length] as EditTarget;
        const text = INSTRUCTIONS[Math.floor(done / targets.length) % INSTRUCTIONS.length] as string;
        const t0 = performance.now();
        const result = await h.app.runText({ text, edit, noCache: true }, () => undefined);
        times.push(performance.now() - t0);
        if (!result.complete || !result.edit) throw new Error(`edit request ${done} ("${text}") did not complete`);
        if (done >= WARMUP) selectionBytes += edit.selection.length;
      }
      const requests = (await sim.stats()).rest.requests.filter((r) => r.kind === 'streamGenerateContent');
      await resetStats(sim);
      if (requests.length !== times.length) throw new Error(`expected ${times.length} generate calls in the batch, the simulator saw ${requests.length}`);
      times.forEach((ms, i) => {
        const serverMs = requests[i]?.serverMs;
        if (serverMs === null || serverMs === undefined) throw new Error('the simulator did not report a generate call');
        if (done - times.length + i < WARMUP) return;
        overhead.push(ms - serverMs);
        client.push(ms);
      });
    }
  } finally {
    await h.close();
    await sim.close();
  }
  const o = stats(overhead);
  const sorted = [...overhead].sort((a, b) => a - b);
  ctx.record('e2e.edit_overhead_p99_ms', {
    value: o.p99, unit: 'ms', better: 'lower', goal: 15,
    detail: {
      p50: o.median, p90: quantile(sorted, 0.9), p99: o.p99, max: o.max, samples: o.n, client_total_median_ms: stats(client).median,
      mean_selection_chars: Math.round(selectionBytes / Math.max(1, o.n)),
      note: 'typed edit requests (5 instructions x 5 selections, 0.1-8 KB, CRLF/tabs and Python), cache off: runText start -> result, minus the simulator-reported time of its generate call; simulator in its own process, instant profile',
    },
  });
}
