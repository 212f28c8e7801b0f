// Code that parses, against the simulator through the real SDK: a broken answer is repaired once, a wrong language is
// flagged and repaired, repair off leaves the marked code uncached, and history keeps the outcome.
import { DEFAULT_MODELS } from '../../main/config/models.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { call, historyWith } from '../support/fault-helpers.js';
import { pasteShell } from '../unit/electron-paste-fakes.js';

const CODEGEN = DEFAULT_MODELS.codegen;
let h: Harness;
let noRepair: Harness;

beforeAll(async () => {
  h = await startHarness();
  noRepair = await startHarness({ simulator: h.sim, settings: { quality: { repair: false } } });
}, 60_000);

afterAll(async () => {
  await noRepair?.close();
  await h?.close();
});

beforeEach(() => {
  h.sim.clearFaults();
  h.sim.resetStats();
});

const codegenCalls = () => h.sim.stats().rest.requests.filter((r) => r.model === CODEGEN);

describe('the syntax check against the simulator', () => {
  it('a clean answer is marked "parses as" and costs one generation call', async () => {
    const log = eventLog();
    const result = await h.app.runText({ text: 'write a python function that totals the invoice lines', noCache: true }, log.sink);
    expect(result.check).toMatchObject({ status: 'ok', language: 'python', repaired: false, errorCount: 0 });
    expect(codegenCalls()).toHaveLength(1);
  });

  for (const mode of ['brace', 'prose'] as const) {
    it(`a syntax error (${mode}) is repaired: two generation calls, the second naming the error line, ending in code that parses`, async () => {
      h.sim.injectFault({ kind: 'syntax-error', mode, model: CODEGEN });
      const result = await h.app.runText({ text: `write a typescript function that sums the ${mode} totals`, noCache: true }, () => {});
      const calls = codegenCalls();
      expect(calls).toHaveLength(2);
      expect(result.check).toMatchObject({ status: 'ok', language: 'typescript', repaired: true, before: { status: 'errors' } });
      expect(result.check?.before?.errorCount).toBeGreaterThan(0);
      expect(calls[1]?.prompt).toMatch(/does not parse as TypeScript: syntax errors at line \d+:\d+/);
      expect(calls[1]?.prompt).toMatch(/corrected TypeScript code only/);
      expect(calls[0]?.prompt).not.toMatch(/does not parse/);
      expect(result.complete).toBe(true);
      expect(result.code).toMatch(/export function/);
    });
  }

  it('the repair prompt names the line the first check found', async () => {
    h.sim.injectFault({ kind: 'syntax-error', mode: 'prose', model: CODEGEN });
    const log = eventLog();
    await h.app.runText({ text: 'write a python function that averages the scores', noCache: true }, log.sink);
    const streamed = log.events.flatMap((e) => (e.type === 'code.chunk' ? [e.text] : [])).join('');
    const body = /```python\n([\s\S]*?)```/.exec(streamed)?.[1] ?? '';
    const proseLine = body.split('\n').findIndex((l) => l.startsWith('This function adds')) + 1;
    expect(proseLine).toBeGreaterThan(0);
    expect(codegenCalls()[1]?.prompt).toContain(`line ${proseLine}:1`);
  });

  it('the wrong language (TypeScript for a Java request) is flagged and repaired in Java', async () => {
    h.sim.injectFault({ kind: 'wrong-language', language: 'typescript', model: CODEGEN });
    const result = await h.app.runText({ text: 'write a java method that sums the order totals', language: 'java', noCache: true }, () => {});
    expect(result.check).toMatchObject({ status: 'ok', language: 'java', repaired: true, before: { status: 'wrong-language', parsesAs: 'typescript' } });
    const calls = codegenCalls();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.prompt).toMatch(/is TypeScript, not Java/);
    expect(calls[1]?.prompt).toMatch(/Write it in Java/);
    expect(result.code).toMatch(/public final class/);
  });

  it('with repair off the broken code is kept, marked with its error lines, not cached, and history records it', async () => {
    noRepair.sim.injectFault({ kind: 'syntax-error', mode: 'brace', model: CODEGEN });
    const text = 'write a typescript function that counts the wombat sightings';
    const result = await noRepair.app.runText({ text }, () => {});
    expect(codegenCalls()).toHaveLength(1);
    expect(result.check).toMatchObject({ status: 'errors', repaired: false });
    expect(result.check?.errors[0]?.line).toBeGreaterThan(1);
    // Not written to the cache: the same request generates again (and now parses).
    const again = await noRepair.app.runText({ text }, () => {});
    expect(again.cached).toBeNull();
    expect(again.check?.status).toBe('ok');
    const third = await noRepair.app.runText({ text }, () => {});
    expect(third.cached).not.toBeNull();
    expect(third.check).toMatchObject({ status: 'ok', language: 'typescript' });
    const entries = await historyWith(noRepair, 'wombat');
    const statuses = entries.map((e) => e.check?.status).sort();
    expect(statuses).toContain('errors');
    expect(statuses).toContain('ok');
  });

  it('with repair off, the desktop shell (paste mode, Electron fakes) copies the broken result, does not paste it, and says why', async () => {
    noRepair.sim.injectFault({ kind: 'syntax-error', mode: 'prose', model: CODEGEN });
    const broken = await noRepair.app.runText({ text: 'write a python function that sums the quokka weights', noCache: true }, () => {});
    expect(broken.check?.status).toBe('errors');
    const { app, apps, clipboard, notifications, windows, dictate } = await pasteShell({ mode: 'paste', clipboardText: 'old' });
    app.nextResult = broken;
    await dictate();
    expect(apps.pasted).toEqual([]);
    expect(clipboard.text).toBe(broken.code);
    expect(notifications.last).toMatch(/^1 syntax error: copied, not pasted\./);
    expect(windows.broadcasts.find((b) => b.event === 'pipeline.event')?.payload).toMatchObject({ event: { result: { copied: true, check: { status: 'errors' } } } });
  });

  it('repair tokens are counted like any other call', async () => {
    const tokensToday = async () => ((await call(h, 'dashboard.get', {})) as { tokens: { today: number } }).tokens.today;
    const t0 = await tokensToday();
    await h.app.runText({ text: 'write a typescript function that merges the ledgers', noCache: true }, () => {});
    const t1 = await tokensToday();
    h.sim.injectFault({ kind: 'syntax-error', mode: 'brace', model: CODEGEN });
    await h.app.runText({ text: 'write a typescript function that merges the ledgers', noCache: true }, () => {});
    const t2 = await tokensToday();
    expect(t1 - t0).toBeGreaterThan(0);
    // The repair call sends the first answer back and gets a whole answer again: well over one call's tokens.
    expect(t2 - t1).toBeGreaterThan(1.5 * (t1 - t0));
  });
});
