// `npm run bench [-- SUITE...]`: runs the named suites (all by default), each under a hard time limit in its own
// process, and merges their metrics into results/latest.json; a hung suite is stopped and named with its step.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults } from './harness.js';
import { runSuites } from './runner.js';

export const SUITES = ['core', 'cache', 'workers', 'audio', 'intent', 'pool', 'e2e', 'monitor', 'memory', 'load', 'redact', 'quality', 'dictionary', 'e2e-edit', 'footprint', 'focus', 'renderer'] as const;

/**
 * Hard limit per suite. All suites together take about 10 minutes on 2 cores; each limit is several times a suite's
 * usual time, so only a hang reaches it. VCG_BENCH_SUITE_TIMEOUT_S overrides it for every suite.
 */
const DEADLINE_S: Readonly<Record<string, number>> = { e2e: 900, load: 300, memory: 300, pool: 240, workers: 240 };
const DEFAULT_DEADLINE_S = 180;

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !(SUITES as readonly string[]).includes(a));
  if (unknown.length > 0) {
    console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Known: ${SUITES.join(', ')}.`);
    return 2;
  }
  const names = asked.length > 0 ? asked : [...SUITES];
  const override = Number(process.env.VCG_BENCH_SUITE_TIMEOUT_S);
  const started = Date.now();
  const { metrics, outcomes } = await runSuites({
    names,
    suitesDir: join(here, 'suites'),
    deadlineMs: (suite) => 1000 * (Number.isFinite(override) && override > 0 ? override : (DEADLINE_S[suite] ?? DEFAULT_DEADLINE_S)),
  });
  writeResults(join(here, 'results'), metrics);
  const bad = outcomes.filter((o) => o.status === 'hung' || o.status === 'failed');
  console.log(`bench: ${metrics.size} metrics in ${((Date.now() - started) / 1000).toFixed(1)} s -> test/bench/results/latest.json, latest.md`);
  for (const o of bad) console.error(`bench: suite ${o.suite} ${o.status === 'hung' ? 'HUNG' : 'FAILED'} in step "${o.step}"${o.error ? `: ${o.error.split('\n')[0]}` : ''}`);
  return bad.length > 0 ? 1 : 0;
}

process.exitCode = await main();
