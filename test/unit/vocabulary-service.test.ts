// VocabularyService: sources combined, onChange only on a real change, project scans reused, failures contained, cancellable.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import type { Clock } from '../../main/core/clock.js';
import { silentLogger } from '../../main/core/logger.js';
import type { TermCounts } from '../../main/vocabulary/identifier-extract.js';
import { VocabularyService, type HistoryText, type VocabularyServiceOptions } from '../../main/vocabulary/vocabulary-service.js';

interface Fixture {
  service: VocabularyService;
  changes: Array<readonly string[]>;
  scans: string[];
  clock: Clock & { advance(ms: number): void };
  clipboard: { text: string; fail?: Error };
  history: HistoryText[];
}

function setup(options: Partial<VocabularyServiceOptions> & { project?: Record<string, number> } = {}): Fixture {
  let now = 1_000_000;
  const clock = { now: () => now, monotonic: () => now, advance: (ms: number) => void (now += ms) };
  const changes: Array<readonly string[]> = [];
  const scans: string[] = [];
  const clipboard: Fixture['clipboard'] = { text: '' };
  const history: HistoryText[] = [];
  const service = new VocabularyService({
    scanProject: async (dir) => {
      scans.push(dir);
      return new Map(Object.entries(options.project ?? { projectHelperName: 3 })) as TermCounts;
    },
    readClipboard: async () => {
      if (clipboard.fail) throw clipboard.fail;
      return clipboard.text;
    },
    recentHistory: () => history,
    onChange: (terms) => changes.push(terms),
    maxTerms: 100,
    logger: silentLogger,
    clock,
    ...options,
  });
  return { service, changes, scans, clock, clipboard, history };
}

describe('VocabularyService', () => {
  it('combines the clipboard, recent history and the project, clipboard and newest history first', async () => {
    const f = setup({ projectDir: '/p' });
    f.clipboard.text = 'const total = computeInvoiceTotal(lineItems);';
    f.history.push({ transcript: 'write a test for fetchUserById', code: 'test("fetchUserById", () => {})' }, { transcript: 'older request', code: 'function oldHelperName() {}' });
    const terms = await f.service.refresh();
    expect(terms.slice(0, 3)).toEqual(expect.arrayContaining(['computeInvoiceTotal', 'lineItems']));
    expect(terms.indexOf('fetchUserById')).toBeLessThan(terms.indexOf('oldHelperName'));
    expect(terms.at(-1)).toBe('projectHelperName');
    expect(f.service.terms()).toBe(terms);
    expect(f.changes).toEqual([terms]);
  });

  it('refreshes once after requests settle together, and reads a finished history entry once', async () => {
    let reads = 0;
    const entry = (id: number, code: string): HistoryText => ({
      id,
      transcript: 'write it',
      get code() {
        reads++;
        return code;
      },
    });
    const f = setup({ settleDelayMs: 20 });
    f.history.push(entry(1, 'const firstHelperName = 1;'));
    for (let i = 0; i < 50; i++) f.service.refreshSoon();
    await new Promise((r) => setTimeout(r, 60));
    expect(f.changes).toEqual([['firstHelperName']]);
    expect(reads).toBe(1);
    // The next settle: only the new entry is read; the first one's counts are kept by its id.
    f.history.unshift(entry(2, 'const secondHelperName = 2;'));
    f.service.refreshSoon();
    await new Promise((r) => setTimeout(r, 60));
    expect(f.changes).toHaveLength(2);
    expect([...(f.changes[1] ?? [])].sort()).toEqual(['firstHelperName', 'secondHelperName']);
    expect(reads).toBe(2);
    // After close, nothing more is scheduled.
    f.service.refreshSoon();
    await f.service.close();
    await new Promise((r) => setTimeout(r, 60));
    expect(f.changes).toHaveLength(2);
  });

  it('calls onChange only when the set of top terms changed', async () => {
    const f = setup();
    f.clipboard.text = 'fetchUserById(userId)';
    await f.service.refresh();
    await f.service.refresh();
    expect(f.changes).toHaveLength(1);
    // The same names in another order (userId now more frequent) are not a change: spare sessions stay as they are.
    f.clipboard.text = 'userId userId userId fetchUserById';
    await f.service.refresh();
    expect(f.changes).toHaveLength(1);
    f.clipboard.text = 'parseConfigFile()';
    await f.service.refresh();
    expect(f.changes).toEqual([expect.arrayContaining(['fetchUserById', 'userId']), ['parseConfigFile']]);
  });

  it('keeps only maxTerms', async () => {
    const f = setup({ maxTerms: 2 });
    f.clipboard.text = 'alphaName betaName betaName gammaName gammaName gammaName';
    expect(await f.service.refresh()).toEqual(['gammaName', 'betaName']);
  });

  it('reuses a project scan until it is older than projectTtlMs, and rescans a newly chosen folder', async () => {
    const f = setup({ projectDir: '/p', projectTtlMs: 60_000 });
    await f.service.refresh();
    f.clock.advance(30_000);
    await f.service.refresh();
    expect(f.scans).toEqual(['/p']);
    f.clock.advance(31_000);
    await f.service.refresh();
    expect(f.scans).toEqual(['/p', '/p']);
    f.service.setProjectDir('/q');
    await f.service.refresh();
    f.service.setProjectDir(undefined);
    expect(await f.service.refresh()).toEqual([]);
    expect(f.scans).toEqual(['/p', '/p', '/q']);
  });

  it('goes on without a source that fails: an unreadable clipboard or a folder that cannot be scanned', async () => {
    const f = setup({
      projectDir: '/gone',
      scanProject: async () => {
        throw new AppError('VALIDATION', 'The vocabulary project folder /gone cannot be read.');
      },
    });
    f.clipboard.fail = new Error('clipboard locked');
    f.history.push({ transcript: 'explain parseConfigFile', code: '' });
    expect(await f.service.refresh()).toEqual(['parseConfigFile']);
  });

  it('contains a listener that throws', async () => {
    const f = setup({
      onChange: () => {
        throw new Error('listener bug');
      },
    });
    f.clipboard.text = 'fetchUserById';
    expect(await f.service.refresh()).toEqual(['fetchUserById']);
  });

  it('cancels: an aborted refresh rejects with CANCELLED and aborts the project scan', async () => {
    let scanSignal: AbortSignal | undefined;
    let started: () => void = () => undefined;
    const scanStarted = new Promise<void>((resolve) => (started = resolve));
    const f = setup({
      projectDir: '/slow',
      scanProject: (_dir, signal) =>
        new Promise<TermCounts>((_resolve, reject) => {
          scanSignal = signal;
          started();
          signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'The project scan was cancelled.')), { once: true });
        }),
    });
    const controller = new AbortController();
    const refresh = f.service.refresh(controller.signal);
    await scanStarted;
    controller.abort();
    await expect(refresh).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(scanSignal?.aborted).toBe(true);
    expect(f.changes).toEqual([]);
    // A signal aborted before the refresh starts: no scan at all.
    await expect(f.service.refresh(AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('runs refreshes one at a time, and close() stops the running one', async () => {
    let release: (() => void) | undefined;
    let calls = 0;
    const f = setup({
      projectDir: '/p',
      scanProject: (_dir, signal) => {
        calls++;
        return new Promise<TermCounts>((resolve, reject) => {
          release = () => resolve(new Map([['projectHelperName', 1]]));
          signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'cancelled')), { once: true });
        });
      },
    });
    const first = f.service.refresh();
    const second = f.service.refresh();
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(1);
    release?.();
    expect(await first).toEqual(['projectHelperName']);
    expect(await second).toEqual(['projectHelperName']);
    expect(calls).toBe(1);

    f.clock.advance(10 * 60_000);
    const third = f.service.refresh();
    await new Promise((r) => setImmediate(r));
    await f.service.close();
    await expect(third).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await f.service.refresh()).toEqual(['projectHelperName']);
    expect(f.changes).toHaveLength(1);
  });

  it('a withdrawn project folder: a scan already running publishes nothing, the next refresh publishes without it and replaces sessions at once', async () => {
    let release: () => void = () => undefined;
    const calls: Array<{ terms: readonly string[]; replaceNow: boolean }> = [];
    const f = setup({
      projectDir: '/p',
      onChange: (terms, options) => calls.push({ terms, replaceNow: options?.replaceNow === true }),
      scanProject: (dir) =>
        new Promise((resolve) => {
          release = () => resolve(new Map([['projectSecretName', 3]]) as TermCounts);
          void dir;
        }),
    });
    f.clipboard.text = 'computeInvoiceTotal(lineItems)';
    const running = f.service.refresh();
    await new Promise((r) => setTimeout(r, 0));
    f.service.setProjectDir(undefined);
    release();
    await running;
    expect(calls, 'the scan that began before the opt-out published nothing').toEqual([]);
    const terms = await f.service.refresh();
    expect(terms).not.toContain('projectSecretName');
    expect(calls).toEqual([{ terms, replaceNow: true }]);
    // Later changes go back to the quiet rotation.
    f.clipboard.text = 'renderInvoiceTable(rows)';
    await f.service.refresh();
    expect(calls.at(-1)?.replaceNow).toBe(false);
  });

  it('narrow() republishes even an unchanged set with replaceNow (a session may still hold withdrawn terms)', async () => {
    const calls: boolean[] = [];
    const f = setup({ onChange: (_terms, options) => calls.push(options?.replaceNow === true) });
    f.clipboard.text = 'fetchUserById(userId)';
    await f.service.refresh();
    f.service.narrow();
    await f.service.refresh();
    await f.service.refresh();
    expect(calls).toEqual([false, true]);
  });
});
