// Suite workers: what Piscina and our pool wrapper cost over a hand-written worker_threads round trip, on the job the app
// sends the pool on every Live failure (a kept utterance encoded as Ogg Opus for the REST fallback), same task and payload.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AudioWorkerPool } from '../../../main/audio/audio-worker-pool.js';
import type { BenchContext } from '../harness.js';

// The worker scripts/build.mjs built (npm run bench builds before it runs the suites).
const WORKER_FILE = join(process.cwd(), 'dist', 'workers', 'audio.js');

// The raw side runs the very same task function from the built module, unwrapping Piscina's transferable wrapper
// itself, and posts the result back with the same transfer list: the only difference left is the pool machinery.
const RAW_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
Promise.all([import(${JSON.stringify(pathToFileURL(WORKER_FILE).href)}), import('piscina')]).then(([tasks, piscina]) => {
  parentPort.on('message', (task) => {
    const moved = tasks.encode(task);
    const outcome = moved[piscina.valueSymbol] ?? moved;
    parentPort.postMessage(outcome, moved[piscina.transferableSymbol] ?? []);
  });
  parentPort.postMessage('ready');
});
`;

class RawWorker {
  private readonly worker = new Worker(RAW_WORKER_SOURCE, { eval: true });
  private pending: ((value: { ok: boolean; value?: { ogg: ArrayBuffer } }) => void) | undefined;
  readonly ready: Promise<void>;

  constructor() {
    this.ready = new Promise((resolve) => {
      this.worker.once('message', () => resolve());
    });
    void this.ready.then(() => this.worker.on('message', (m: { ok: boolean; value?: { ogg: ArrayBuffer } }) => this.pending?.(m)));
  }

  /** The same 'encode' task AudioWorkerPool.encodeForUpload runs, posted by hand. */
  encode(pcm16: Uint8Array): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      this.pending = (m): void => (m.ok && m.value ? resolve(m.value.ogg) : reject(new Error('raw worker task failed')));
      this.worker.postMessage({ pcm16: pcm16.buffer, sampleRate: 16000 }, [pcm16.buffer as ArrayBuffer]);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** 16 kHz mono PCM16 of a tone: the kept utterance's format (what the capture sends and UtteranceBuffer keeps). */
function utterance(seconds: number): Uint8Array {
  const pcm = new Int16Array(Math.round(16000 * seconds)).map((_, i) => Math.round(12000 * Math.sin((2 * Math.PI * 440 * i) / 16000)));
  return new Uint8Array(pcm.buffer);
}

export async function run(ctx: BenchContext): Promise<void> {
  // The metric's payload: a 1 s kept utterance, the shortest dictation that falls back to REST; a 3 s one (a typical
  // request) is reported too. Both go through encodeForUpload, the pipeline's encoder port, exactly as the app calls it.
  const second = utterance(1);
  const typical = utterance(3);
  const never = new AbortController().signal;
  const pool = new AudioWorkerPool({ filename: WORKER_FILE, maxThreads: 1, idleTimeoutMs: 60_000 });
  const raw = new RawWorker();
  try {
    await raw.ready;
    const cmp = await ctx.compare(
      () => pool.encodeForUpload(second.slice(), 16000, never),
      () => raw.encode(second.slice()),
      { warmup: 20, samples: 60, batch: 3 },
    );
    const longer = await ctx.compare(
      () => pool.encodeForUpload(typical.slice(), 16000, never),
      () => raw.encode(typical.slice()),
      { warmup: 10, samples: 60, batch: 1 },
    );
    ctx.record('workers.pool_vs_raw_worker', {
      value: cmp.ratio,
      unit: 'ratio',
      better: 'lower',
      goal: 1.3,
      detail: {
        what: 'round trip of the REST fallback encode (1 s kept utterance, 16 kHz PCM16 -> Ogg Opus, buffers transferred both ways): AudioWorkerPool.encodeForUpload on Piscina vs a bare worker_threads Worker running the same task',
        median: cmp.a.median,
        p99: cmp.a.p99,
        raw_median: cmp.b.median,
        raw_p99: cmp.b.p99,
        unit_of_median: 'ns per round trip',
        samples: cmp.a.n,
        utterance_3s: { ratio: longer.ratio, median: longer.a.median, p99: longer.a.p99, raw_median: longer.b.median, raw_p99: longer.b.p99 },
      },
    });
  } finally {
    await raw.close();
    await pool.close();
  }
}
