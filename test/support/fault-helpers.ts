// Shared checks for the fault, crash and disk-full tests: what a user-facing error must carry, history look-ups, small disks.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { expect } from 'vitest';
import { ERROR_CODES } from '../../main/core/errors.js';
import type { SettingsInput } from '../../main/config/schema.js';
import type { AppErrorPayload, HistoryEntry, PipelineEvent, PipelineResult } from '../../preload/contract.js';
import { eventLog, type Harness } from './app-harness.js';

/**
 * Settings for fault runs: a breaker that does not open after a few injected failures (each case must see
 * its own fault, not the previous case's open breaker), no speculation or intent assist (they would consume
 * faults meant for code generation), short backoff and Live connect timeout so a failing case ends quickly.
 * A refused key opens the breaker for cooldownMs whatever the threshold: 0 lets the next case through.
 */
export const FAULT_SETTINGS: SettingsInput = {
  gemini: { breaker: { failureThreshold: 1000, cooldownMs: 0 }, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 5_000 }, connectTimeoutMs: 1_000 },
  speculation: { enabled: false },
  intent: { assistBelowConfidence: 0 },
  cache: { enabled: false },
};

/** What a user saw at the end of one request: the result event, the error event, or both (an incomplete answer). */
export interface Outcome {
  result: PipelineResult | undefined;
  error: AppErrorPayload | undefined;
}

export function outcomeOf(events: readonly PipelineEvent[]): Outcome {
  let result: PipelineResult | undefined;
  let error: AppErrorPayload | undefined;
  for (const e of events) {
    if (e.type === 'result') result = e.result;
    if (e.type === 'error') error = e.error;
  }
  return { result, error };
}

/** An error a user can act on: a known code, a sentence of advice, and the retryable flag the code calls for. */
export function expectActionableError(error: AppErrorPayload | undefined, expected: { code: string; retryable: boolean }): void {
  expect(error, 'an error event reached the user').toBeDefined();
  const e = error as AppErrorPayload;
  expect(ERROR_CODES as readonly string[]).toContain(e.code);
  expect(e).toMatchObject({ code: expected.code, retryable: expected.retryable });
  expect(typeof e.message).toBe('string');
  // A sentence, not a bare status: "Gemini is unavailable right now (UNAVAILABLE). Try again shortly."
  expect(e.message.trim().length).toBeGreaterThan(15);
}

export async function call(h: Pick<Harness, 'app'>, method: string, params: unknown): Promise<unknown> {
  const outcome = await h.app.router.call(method, params, { clientId: 'fault-test' });
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.result;
}

/** History entries whose transcript contains `word`, found the way the renderer finds them (history.search). */
export async function historyWith(h: Pick<Harness, 'app'>, word: string): Promise<HistoryEntry[]> {
  const found = (await call(h, 'history.search', { query: word })) as { entries: HistoryEntry[] };
  return found.entries.filter((e) => e.transcript.includes(word));
}

/** PRAGMA integrity_check on a file, on its own connection (before the app's open could move a bad file aside). */
export function integrityCheck(file: string): string {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

export interface SmallDisk {
  dir: string;
  /** 'tmpfs': a real filesystem of `bytes`; 'none': the caller must cap the database itself (maxSizeBytes). */
  kind: 'tmpfs' | 'none';
  close(): void;
}

/**
 * A directory on a tmpfs of `bytes` when mounting works here (root, no sandbox); otherwise a plain temp directory.
 * VCG_TEST_NO_TMPFS=1 forces the fallback, to run the capped-database path on a machine that can mount.
 */
export function smallDisk(bytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'vcg-full-'));
  const mounted = process.platform === 'linux' && process.env.VCG_TEST_NO_TMPFS !== '1' && spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
  return {
    dir,
    kind: mounted ? 'tmpfs' : 'none',
    close: () => {
      if (mounted) spawnSync('umount', [dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The property tests' fixed seed: `npm test` always runs the same cases. */
export const PROPERTY_SEED = 20_261_125;

/**
 * fast-check parameters: the fixed seed and `defaultRuns` cases; VCG_PROPERTY_RUNS=5000 runs more locally,
 * VCG_PROPERTY_SEED=random (or a number) explores other cases. A failure prints its seed and path to replay.
 */
export function propertyParams(defaultRuns: number): { seed: number; numRuns: number } {
  const runs = Number(process.env.VCG_PROPERTY_RUNS);
  const seedEnv = process.env.VCG_PROPERTY_SEED;
  const seed = seedEnv === 'random' ? Math.floor(Math.random() * 2 ** 31) : seedEnv ? Number(seedEnv) : PROPERTY_SEED;
  return { seed, numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns };
}

/**
 * Runs `node --import tsx SCRIPT ...args` until it has printed `acks` lines "ack <id>", then SIGKILLs it (also after
 * `guardMs`, so a child that never gets going cannot hang the test). Resolves with the ids acknowledged before the kill.
 */
export function killAfterAcks(script: string, args: readonly string[], acks: number, guardMs = 40_000): Promise<{ acked: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('ack ')) return;
      acked.push(line.slice(4));
      if (acked.length === acks) child.kill('SIGKILL');
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), guardMs);
    child.once('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.once('close', (_code, signal) => {
      clearTimeout(guard);
      resolve({ acked, signal, stderr });
    });
  });
}

/** Plays the chunks into a dictation and collects its events and what finish() threw (the fault tests read both). */
export async function speakAndCollect(h: Pick<Harness, 'app'>, audio: readonly Uint8Array[]): Promise<{ events: PipelineEvent[]; thrown: unknown }> {
  const log = eventLog();
  const dictation = h.app.startDictation({ onEvent: log.sink });
  for (const chunk of audio) dictation.push(chunk);
  let thrown: unknown;
  await dictation.finish().catch((e: unknown) => (thrown = e));
  return { events: log.events, thrown };
}

