// One bench suite in its own process: runs it, streams its step labels and metrics to the runner, then exits.
import { pathToFileURL } from 'node:url';
import { BenchContext } from './harness.js';
import type { ChildMessage } from './runner.js';

interface BenchSuite {
  run(ctx: BenchContext): Promise<void>;
}

const send = (m: ChildMessage): Promise<void> => new Promise((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));

/**
 * The app as users run it (`npm start`: plain node on dist/) has no source maps; tsx turns them on for this process,
 * where the suites run the app from its sources. With them on, every map read (the SDK's 2 MB one included, the first
 * time a stack passes through it) stays in the heap: 42-49 MB of old space against 24-32, mark-compacts of 11-16 ms
 * against 3-8, and a typed p99 of 23.8 ms against 14.0 in two runs one after the other. VCG_BENCH_SOURCE_MAPS=1 keeps
 * them (readable stacks when debugging a suite).
 */
if (process.env.VCG_BENCH_SOURCE_MAPS !== '1') process.setSourceMapsEnabled(false);

async function main(): Promise<number> {
  const [name, file] = process.argv.slice(2) as [string, string];
  const ctx = new BenchContext(name, (line) => void send({ type: 'log', line }), (label) => void send({ type: 'step', label }), (metric, result) => void send({ type: 'metric', name: metric, result }));
  try {
    const mod = (await import(pathToFileURL(file).href)) as BenchSuite;
    await mod.run(ctx);
    await send({ type: 'done' });
    return 0;
  } catch (error) {
    await send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return 1;
  }
}

const code = await main();
// A suite that leaves a handle open (a socket, a timer) must not keep its process alive once it is done.
process.disconnect?.();
process.exit(code);
