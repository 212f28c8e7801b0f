// Runs bench suites, each in its own child process under a hard deadline: a hung suite is killed and named with the
// step it was in, and the run goes on with the other suites.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetricResult } from './harness.js';

export interface SuiteOutcome {
  suite: string;
  status: 'ok' | 'failed' | 'hung' | 'missing';
  /** The step label the suite last set (BenchContext.step), for a hung or failed suite. */
  step: string;
  seconds: number;
  error?: string;
}

export interface RunOptions {
  names: readonly string[];
  suitesDir: string;
  /** Per-suite hard limit; a suite still running then is killed (SIGKILL) and reported as hung. */
  deadlineMs: (suite: string) => number;
  log?: (line: string) => void;
}

/** Messages a suite's child process sends to the runner. */
export type ChildMessage =
  | { type: 'step'; label: string }
  | { type: 'log'; line: string }
  | { type: 'metric'; name: string; result: MetricResult }
  | { type: 'done' }
  | { type: 'error'; message: string };

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, 'suite-child.ts');

export async function runSuites(options: RunOptions): Promise<{ metrics: Map<string, MetricResult>; outcomes: SuiteOutcome[] }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const metrics = new Map<string, MetricResult>();
  const outcomes: SuiteOutcome[] = [];
  for (const name of options.names) {
    const file = join(options.suitesDir, `${name}.ts`);
    if (!existsSync(file)) {
      log(`suite ${name}: not written yet, skipped`);
      outcomes.push({ suite: name, status: 'missing', step: '', seconds: 0 });
      continue;
    }
    log(`suite ${name}:`);
    const outcome = await runOne(name, file, options.deadlineMs(name), metrics, log);
    outcomes.push(outcome);
    if (outcome.status === 'hung') log(`  suite ${name} HUNG in step "${outcome.step}": stopped after ${outcome.seconds.toFixed(1)} s (its deadline)`);
    else if (outcome.status === 'failed') log(`  suite ${name} FAILED in step "${outcome.step}": ${outcome.error ?? 'unknown error'}`);
    log(`  (${outcome.seconds.toFixed(1)} s)`);
  }
  return { metrics, outcomes };
}

function runOne(name: string, file: string, deadlineMs: number, metrics: Map<string, MetricResult>, log: (line: string) => void): Promise<SuiteOutcome> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    let step = 'loading the suite';
    let done = false;
    let error: string | undefined;
    let settled = false;
    // The child runs with the runner's own flags (--expose-gc), and always with the tsx loader for the .ts suites.
    const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'];
    const child = fork(CHILD, [name, file], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const finish = (status: SuiteOutcome['status']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ suite: name, status, step, seconds: (Date.now() - t0) / 1000, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish('hung');
    }, deadlineMs);
    child.on('message', (raw: unknown) => {
      const m = raw as ChildMessage;
      if (m.type === 'step') step = m.label;
      else if (m.type === 'log') log(m.line);
      else if (m.type === 'metric') metrics.set(m.name, m.result);
      else if (m.type === 'error') error = m.message;
      else if (m.type === 'done') done = true;
    });
    child.on('error', (e) => {
      error = e.message;
      finish('failed');
    });
    child.on('exit', (code, signal) => {
      if (settled) return;
      if (done && code === 0) finish('ok');
      else {
        error ??= `exited with ${signal ?? `code ${String(code)}`} before finishing`;
        finish('failed');
      }
    });
  });
}
