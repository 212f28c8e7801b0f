// `npm run bench [-- SUITE...]`: runs the named suites (all by default) and merges their metrics into results/latest.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchContext, writeResults, type MetricResult } from './harness.js';

export const SUITES = ['core', 'cache', 'workers', 'audio', 'intent', 'pool', 'e2e', 'monitor', 'memory', 'load', 'quality'] as const;

export interface BenchSuite {
  run(ctx: BenchContext): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !(SUITES as readonly string[]).includes(a));
  if (unknown.length > 0) {
    console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Known: ${SUITES.join(', ')}.`);
    return 2;
  }
  const names = asked.length > 0 ? asked : [...SUITES];
  const fresh = new Map<string, MetricResult>();
  const started = Date.now();
  let failed = 0;
  for (const name of names) {
    const file = join(here, 'suites', `${name}.ts`);
    if (!existsSync(file)) {
      console.log(`suite ${name}: not written yet, skipped`);
      continue;
    }
    console.log(`suite ${name}:`);
    const ctx = new BenchContext(name);
    const t0 = Date.now();
    try {
      const mod = (await import(pathToFileURL(file).href)) as BenchSuite;
      await mod.run(ctx);
    } catch (error) {
      failed++;
      console.error(`suite ${name} failed:`, error);
    }
    for (const [k, v] of ctx.metrics) fresh.set(k, v);
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  writeResults(join(here, 'results'), fresh);
  console.log(`bench: ${fresh.size} metrics in ${((Date.now() - started) / 1000).toFixed(1)} s -> test/bench/results/latest.json, latest.md`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
