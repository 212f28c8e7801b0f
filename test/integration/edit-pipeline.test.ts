// Edit requests through the pipeline: the real SDK against the simulator, a real SQLite history, the in-memory and SQLite cache tiers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EDIT_SELECTION_MAX_BYTES, type PipelineEvent } from '../../preload/contract.js';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';

const generateCalls = (h: Harness): number => h.sim.stats().rest.requests.filter((r) => r.kind === 'streamGenerateContent').length;
const lastPrompt = (h: Harness): string => h.sim.stats().rest.requests.filter((r) => r.kind === 'streamGenerateContent').at(-1)?.prompt ?? '';

/** A CRLF selection indented with tabs, as copied from a Windows editor. */
const TS_CRLF = '\tfunction loadUser(user, id = 0) {\r\n\t\tconst userName = user.name;\r\n\t\treturn fetch(`/users/${id}`);\r\n\t}\r\n';

async function call(h: Harness, method: string, params: unknown): Promise<unknown> {
  const outcome = await h.app.router.call(method, params, { clientId: 'test' });
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.result;
}

describe('edit requests through the pipeline', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetStats();
    h.sim.setCodeAnswer(null);
  });

  it('announces the edit first, streams code, and ends with the selection and its fitted replacement', async () => {
    const log = eventLog();
    const result = await h.app.runText({ text: 'rename user to account', edit: { selection: TS_CRLF, app: 'Code' } }, log.sink);
    expect(log.events[0]).toEqual({ type: 'edit', before: TS_CRLF, lines: 4, app: 'Code' });
    expect(log.types()).toContain('code.chunk');
    expect(log.types().slice(-2)).toEqual(['result', 'timings']);
    expect(result.complete).toBe(true);
    expect(result.edit).toEqual({
      before: TS_CRLF,
      after: '\tfunction loadAccount(account, id = 0) {\r\n\t\tconst accountName = account.name;\r\n\t\treturn fetch(`/users/${id}`);\r\n\t}\r\n',
      app: 'Code',
    });
    // The edit prompt carries the selection, the instruction and the language detected from the selection.
    const prompt = lastPrompt(h);
    expect(prompt).toContain('Edit request: "rename user to account"');
    expect(prompt).toContain('Language: JavaScript');
    expect(prompt).toContain('const userName = user.name;');
    const entry = await call(h, 'history.get', { id: result.historyId });
    expect(entry).toMatchObject({ edit: { before: TS_CRLF, after: result.edit?.after, app: 'Code' } });
  });

  it('refuses a selection over the size limit with INPUT_TOO_LARGE, before any Gemini call', async () => {
    // 30,000 two-byte characters: under the contract's character cap, over 64 KB of UTF-8.
    const selection = `const s = "${'é'.repeat(33_000)}";`;
    const log = eventLog();
    const failure = await h.app.runText({ text: 'add types', edit: { selection } }, log.sink).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'INPUT_TOO_LARGE' });
    expect((failure as Error).message).toContain(EDIT_SELECTION_MAX_BYTES.toLocaleString('en'));
    expect((failure as Error).message).toMatch(/Select a smaller part/);
    expect(log.events.find((e) => e.type === 'error')).toMatchObject({ error: { code: 'INPUT_TOO_LARGE' } });
    expect(generateCalls(h)).toBe(0);
  });

  it('takes the language from the edit target when given, else from the selection', async () => {
    const py = 'def load_user(user):\n    return user.name\n';
    const detected = await h.app.runText({ text: 'make this async', edit: { selection: py }, noCache: true }, () => undefined);
    expect(lastPrompt(h)).toContain('Language: Python');
    expect(detected.edit?.after).toBe('async def load_user(user):\n    return user.name\n');
    await h.app.runText({ text: 'make this async', edit: { selection: py, language: 'ruby' }, noCache: true }, () => undefined);
    expect(lastPrompt(h)).toContain('Language: Ruby');
  });

  it('caches by the selection: the same words over the same code hit, over other code they miss', async () => {
    const a = 'function area(w, h) {\n  return w * h;\n}\n';
    const b = 'function volume(w, h, d) {\n  return w * h * d;\n}\n';
    const first = await h.app.runText({ text: 'add a parameter max speed', edit: { selection: a } }, () => undefined);
    expect(first.cached).toBeNull();
    const again = await h.app.runText({ text: 'add a parameter max speed', edit: { selection: a } }, () => undefined);
    expect(again.cached).toMatchObject({ tier: 'l1' });
    expect(again.edit).toEqual(first.edit);
    const other = await h.app.runText({ text: 'add a parameter max speed', edit: { selection: b } }, () => undefined);
    expect(other.cached).toBeNull();
    expect(other.edit?.after).toBe('function volume(w, h, d, maxSpeed: number) {\n  return w * h * d;\n}\n');
    expect(generateCalls(h)).toBe(2);
  });

  it('never puts prose in place of the selection: an answer without code leaves it unchanged and says so', async () => {
    h.sim.setCodeAnswer('I am not sure what you mean by that. Could you say it another way?');
    const selection = 'let total = 0;\n';
    const log = eventLog();
    const result = await h.app.runText({ text: 'make it better', edit: { selection }, noCache: true }, log.sink);
    expect(result.complete).toBe(false);
    expect(result.edit).toEqual({ before: selection, after: selection });
    expect(log.events.find((e) => e.type === 'error')).toBeDefined();
  });

  it('keeps only the code of an answer with prose around it, re-indented to the selection', async () => {
    h.sim.setCodeAnswer('Sure! Here is the change:\n\n```python\nif ready:\n    start()\n```\n\nThis starts it when ready.');
    const result = await h.app.runText({ text: 'start when ready', edit: { selection: '        start()\n' }, noCache: true }, () => undefined);
    expect(result.edit?.after).toBe('        if ready:\n            start()\n');
  });

  it('redacts secrets in the prompt and in the before and after it keeps in history; the applied replacement keeps them', async () => {
    const key = `sk-proj-${'a1B2c3D4e5'.repeat(5)}`;
    const selection = `const apiKey = "${key}";\nconsole.log(user);\n`;
    const result = await h.app.runText({ text: 'rename user to account', edit: { selection }, noCache: true }, () => undefined);
    expect(result.edit?.before).toContain(key);
    // The model saw [REDACTED:openai_key]; the replacement puts the user's key back where the answer kept the mark.
    expect(lastPrompt(h)).not.toContain(key);
    expect(result.edit?.after).toBe(`const apiKey = "${key}";\nconsole.log(account);\n`);
    const entry = await call(h, 'history.get', { id: result.historyId });
    const edit = (entry as { edit: { before: string; after: string } }).edit;
    expect(edit.before).not.toContain(key);
    expect(edit.after).not.toContain(key);
    expect(edit.before).toContain('[REDACTED');
    expect(edit.after).toContain('console.log(account);');
  });

  it('runs a quick command on the selection when one is given, not on the clipboard', async () => {
    const selection = 'def scale(value, factor=2):\n    return value * factor\n';
    const log = eventLog();
    const result = await h.app.runQuick('add_types', log.sink, { selection });
    expect(log.events[0]).toMatchObject({ type: 'edit', before: selection, lines: 2 });
    expect(result.edit?.after).toBe('def scale(value: object, factor: int = 2):\n    return value * factor\n');
    expect(lastPrompt(h)).toContain('Edit request: "add types to this code"');
  });

  it('edits a selection longer than the settings\' output limit: the answer may repeat the whole selection', async () => {
    // 400 lines, about 16 KB: over 2,048 output tokens, the default limit for new code.
    const selection = Array.from({ length: 400 }, (_, i) => `    user_${i} = load(user, ${i})  # keep`).join('\n') + '\n';
    const result = await h.app.runText({ text: 'rename user to account', edit: { selection, language: 'python' }, noCache: true }, () => undefined);
    expect(result.complete).toBe(true);
    expect(result.edit?.after).toBe(selection.replace(/user/g, 'account'));
    const request = h.sim.stats().rest.requests.find((r) => r.kind === 'streamGenerateContent');
    expect(request?.maxOutputTokens).toBeGreaterThan(6_000);
  });

  it('takes an edit through the contract: request.text with edit, request.quick with selection, validated by the router', async () => {
    const seen = new Map<number, PipelineEvent[]>();
    const off = h.app.events.subscribe((name, payload) => {
      if (name !== 'pipeline.event') return;
      const { requestId, event } = payload as { requestId: number; event: PipelineEvent };
      seen.set(requestId, [...(seen.get(requestId) ?? []), event]);
    });
    try {
      const selection = 'const user = load();\n';
      const typed = (await call(h, 'request.text', { text: 'rename user to account', edit: { selection, app: 'Editor pane' }, noCache: true })) as { requestId: number };
      const quick = (await call(h, 'request.quick', { command: 'document', selection })) as { requestId: number };
      await expect.poll(() => [typed, quick].every((r) => seen.get(r.requestId)?.some((e) => e.type === 'timings')), { timeout: 10_000 }).toBe(true);
      const typedEvents = seen.get(typed.requestId) ?? [];
      expect(typedEvents[0]).toEqual({ type: 'edit', before: selection, lines: 1, app: 'Editor pane' });
      expect(typedEvents.find((e) => e.type === 'result')).toMatchObject({ result: { edit: { before: selection, after: 'const account = load();\n' } } });
      expect(seen.get(quick.requestId)?.[0]).toMatchObject({ type: 'edit', before: selection });
      // Over 64 KB of UTF-8 in characters the schema accepts: refused by the pipeline with the limit in words.
      const big = (await call(h, 'request.text', { text: 'add types', edit: { selection: '€'.repeat(30_000) } })) as { requestId: number };
      await expect.poll(() => seen.get(big.requestId)?.find((e) => e.type === 'error'), { timeout: 5000 }).toMatchObject({ error: { code: 'INPUT_TOO_LARGE' } });
      // Over the schema's own cap: rejected before any handler runs.
      const rejected = await h.app.router.call('request.text', { text: 'add types', edit: { selection: 'x'.repeat(70_000) } }, { clientId: 'test' });
      expect(rejected.ok).toBe(false);
    } finally {
      off();
    }
  });

  it('answers an instruction it has no recipe for with the selection and an honest comment', async () => {
    const selection = 'x = compute()\n';
    const result = await h.app.runText({ text: 'sort the imports', edit: { selection, language: 'python' }, noCache: true }, () => undefined);
    expect(result.edit?.after).toBe('# Simulated Gemini has no edit recipe for "sort the imports": the selection is unchanged.\nx = compute()\n');
  });
});
