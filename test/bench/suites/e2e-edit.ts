// Suite e2e-edit: what an edit request adds on top of Gemini's own time (edit prompt, fitting, secrets, history with before/after), simulator in its own process.
import type { EditTarget } from '../../../preload/contract.js';
import { startHarness } from '../../support/app-harness.js';
import { startSimulatorProcess, type SimulatorProcess } from '../../support/simulator-process.js';
import { tail, type BenchContext } from '../harness.js';

const WARMUP = 30;
const SAMPLES = 520;
/** The burst pass (report only): an instant simulator, one request at a time. */
const BURST_SAMPLES = 260;
/** Requests in flight at once in the streamed pass, as in the typed suite (each lane waits for its own answer). */
const LANES = 3;
/**
 * The streamed pass's rate: paced like a real stream (each chunk is handled as it arrives, as with Google), but 9x
 * Flash's 220 tokens/s (the realistic profile), so that 520 edits of up to 8 KB fit the suite's time. A faster stream
 * leaves the client less time per chunk than a real one does: this is the harder case.
 */
const TOKENS_PER_SECOND = 2000;

const INSTRUCTIONS = ['rename user to account', 'make this async', 'add a parameter max speed', 'handle the error', 'add types'];

/**
 * Selections of the sizes people select: a few lines, a function, a long block (about 8 KB), in TypeScript (CRLF, tabs)
 * and Python. Each carries a comment with its sample number, so the simulator's request log is matched to it by the
 * prompt even with several requests in flight.
 */
function selection(kind: number, sample: number): EditTarget {
  const tsFn = (n: number): string => [`\t// sample ${sample}`, `\tfunction loadUser${n}(user, id = ${n}) {`, ...Array.from({ length: n }, (_, i) => `\t\tconst user${i} = user.items[${i}] ?? id;`), '\t\treturn user;', '\t}', ''].join('\r\n');
  const pyFn = (n: number): string => [`    # sample ${sample}`, `    def load_user_${n}(self, user, retries=${n}):`, ...Array.from({ length: n }, (_, i) => `        user_${i} = user.items[${i}]`), '        return user', ''].join('\n');
  const targets: EditTarget[] = [
    { selection: tsFn(3), app: 'Code' },
    { selection: tsFn(40), language: 'typescript', app: 'Code' },
    { selection: tsFn(200), app: 'Code' },
    { selection: pyFn(5) },
    { selection: pyFn(60), language: 'python' },
  ];
  return targets[kind % targets.length] as EditTarget;
}

async function resetStats(sim: SimulatorProcess): Promise<void> {
  const res = await fetch(`${sim.adminUrl}/stats/reset`, { method: 'POST', headers: { authorization: `Bearer ${sim.adminToken}`, 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`simulator admin /stats/reset: ${res.status}`);
}

interface Pass {
  overhead: number[];
  /** The 8 KB selection's samples alone: where the tail is. */
  large: number[];
  clientMedianMs: number;
  meanSelectionChars: number;
}

/** Runs WARMUP + samples edits over `lanes` lanes; each sample's overhead is its client time minus the simulator's time for its generate call. */
async function measure(ctx: BenchContext, sim: SimulatorProcess, name: string, samples: number, lanes: number): Promise<Pass> {
  // Host 'web': the app as the desktop and web hosts run it (the CLI host runs one request per process and skips the warm-up).
  const h = await startHarness({ remote: sim, prewarm: false, host: 'web' });
  // As in the load suite: the first request comes after the app has settled (no one asks within 0 ms of launch);
  // whatever is still cold then is paid inside the first request, and counted.
  await new Promise((r) => setTimeout(r, 1000));
  const times = new Map<number, number>();
  let selectionChars = 0;
  try {
    await resetStats(sim);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < WARMUP + samples) {
        const i = next++;
        if (i % 40 === 0) ctx.step(`${name}: edit requests ${i}-${i + 40}`);
        const edit = selection(i, i);
        const text = INSTRUCTIONS[Math.floor(i / 5) % INSTRUCTIONS.length] as string;
        const t0 = performance.now();
        const result = await h.app.runText({ text, edit, noCache: true }, () => undefined);
        const ms = performance.now() - t0;
        if (!result.complete || !result.edit) throw new Error(`edit request ${i} ("${text}") did not complete`);
        if (i >= WARMUP) {
          times.set(i, ms);
          selectionChars += edit.selection.length;
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await h.close();
  }
  const serverMs = new Map<number, number>();
  for (const r of (await sim.stats()).rest.requests) {
    const m = /(?:\/\/|#) sample (\d+)/.exec(r.prompt);
    if (r.kind === 'streamGenerateContent' && m && r.serverMs !== null) serverMs.set(Number(m[1]), (serverMs.get(Number(m[1])) ?? 0) + r.serverMs);
  }
  const overhead: number[] = [];
  const large: number[] = [];
  const client: number[] = [];
  for (const [i, ms] of times) {
    const server = serverMs.get(i);
    if (server === undefined) throw new Error(`${name}: the simulator did not report the generate call of edit ${i}`);
    overhead.push(ms - server);
    if (i % 5 === 2) large.push(ms - server);
    client.push(ms);
  }
  return { overhead, large, clientMedianMs: tail(client).p50, meanSelectionChars: Math.round(selectionChars / Math.max(1, times.size)) };
}

export async function run(ctx: BenchContext): Promise<void> {
  ctx.step('starting the simulator process (streamed)');
  // The simulator runs in its own process, as Google's servers are not in the app's event loop.
  const paced = await startSimulatorProcess('realistic', { tokensPerSecond: TOKENS_PER_SECOND });
  let streamed: Pass;
  try {
    await paced.warm();
    streamed = await measure(ctx, paced, 'streamed', SAMPLES, LANES);
  } finally {
    await paced.close();
  }
  ctx.step('starting the simulator process (burst)');
  const instant = await startSimulatorProcess('instant');
  let burst: Pass;
  try {
    burst = await measure(ctx, instant, 'burst', BURST_SAMPLES, 1);
  } finally {
    await instant.close();
  }
  const o = tail(streamed.overhead);
  ctx.record('e2e.edit_overhead_p99_ms', {
    value: o.p99, unit: 'ms', better: 'lower', goal: 15,
    detail: {
      ...o, selection_8kb: tail(streamed.large), client_total_median_ms: streamed.clientMedianMs, mean_selection_chars: streamed.meanSelectionChars, lanes: LANES, tokens_per_second: TOKENS_PER_SECOND,
      note: `typed edit requests (5 instructions x 5 selections, 0.1-8 KB, CRLF/tabs and Python), cache off: runText start -> result, minus the simulator-reported time of its generate call; simulator in its own process, streaming at ${TOKENS_PER_SECOND} tokens/s (realistic first-token time), ${LANES} lanes`,
    },
  });
  const b = tail(burst.overhead);
  ctx.record('e2e.edit_overhead_burst_p99_ms', {
    value: b.p99, unit: 'ms', better: 'lower', goal: null,
    detail: {
      ...b, selection_8kb: tail(burst.large), client_total_median_ms: burst.clientMedianMs,
      note: 'the same edits from an instant simulator, one at a time: the whole answer arrives in one burst, so the SDK parses every chunk (about 180 for 8 KB) after the server is done, which no real stream does',
    },
  });
}
