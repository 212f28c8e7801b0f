// One bench suite in its own process: runs it, streams its step labels and metrics to the runner, then exits.
import { pathToFileURL } from 'node:url';
import { BenchContext } from './harness.js';
import type { ChildMessage } from './runner.js';

interface BenchSuite {
  run(ctx: BenchContext): Promise<void>;
}

const send = (m: ChildMessage): Promise<void> => new Promise((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));

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
