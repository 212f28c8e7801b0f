// A fresh app's first answer pays no first-use cost that could have been paid at start (the tail of e2e.pipeline_overhead).
import { afterEach, describe, expect, it } from 'vitest';
import { streamLikeTheApp, warmHttpClient } from '../../main/gemini/transport-warm-up.js';
import { CodeGenerator } from '../../main/gemini/code-generator.js';
import { settingsSchema } from '../../main/config/schema.js';
import { startHarness, type Harness } from '../support/app-harness.js';

let h: Harness | null = null;
const original = Error.prepareStackTrace;

afterEach(async () => {
  Error.prepareStackTrace = original;
  await h?.close();
  h = null;
});

describe('first request after start', () => {
  it('builds no stack trace when its answer stream ends (Node\'s lazy "reader released" error is made at start; with source maps that cost 85 ms to 1 s)', async () => {
    h = await startHarness({ prewarm: false });
    const built: string[] = [];
    Error.prepareStackTrace = (error, frames) => {
      built.push(`${error.name}: ${error.message}`);
      return original ? original(error, frames) : `${String(error)}\n${frames.map((f) => `    at ${String(f)}`).join('\n')}`;
    };
    const result = await h.app.runText({ text: 'write a function that adds two numbers in typescript', noCache: true }, () => undefined);
    Error.prepareStackTrace = original;
    expect(result.complete).toBe(true);
    expect(built.filter((m) => /releas/i.test(m))).toEqual([]);
  });

  it('warms the local stages at start of a desktop or web app without writing history, caching or calling Gemini', async () => {
    h = await startHarness({ prewarm: false, host: 'web' });
    // The warm-up ran during start: the samples left no trace, and no request reached the simulator.
    const stats = h.sim.stats();
    expect(stats.rest.requests).toEqual([]);
    const listed = (await h.app.router.call('history.search', { limit: 10 }, { clientId: 't' })) as { ok: boolean; result: { entries: unknown[] } };
    expect(listed.ok).toBe(true);
    expect(listed.result.entries).toEqual([]);
    // The first real request still works and is the only entry.
    const result = await h.app.runText({ text: 'write a function that adds two numbers in typescript' }, () => undefined);
    expect(result.complete).toBe(true);
    const after = (await h.app.router.call('history.search', { limit: 10 }, { clientId: 't' })) as { result: { entries: Array<{ transcript: string }> } };
    expect(after.result.entries.map((e) => e.transcript)).toEqual(['write a function that adds two numbers in typescript']);
    expect(result.cached).toBeNull();
  });

  it('warms the HTTP client against a loopback server of its own, and leaves no server listening', async () => {
    const servers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = servers();
    await warmHttpClient();
    await new Promise((r) => setImmediate(r));
    expect(servers()).toBe(before);
  });

  it('streams Gemini-shaped answers from that server through the app\'s own generator, with a throwaway key only', async () => {
    const seen: Array<{ text: string; finish: string | undefined; baseUrl: string }> = [];
    await warmHttpClient({
      stream: async (baseUrl, signal) => {
        const g = new CodeGenerator({ endpoint: { name: 'check', apiKey: 'warm-up', baseUrl, models: settingsSchema.parse({}).gemini.models }, temperature: 0, maxOutputTokens: 64, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
        let text = '';
        let finish: string | undefined;
        for await (const c of g.generate({ systemInstruction: 's', prompt: 'p', signal })) {
          if (c.type === 'text') text += c.text;
          else if (c.type === 'done') finish = c.finishReason;
        }
        seen.push({ text, finish, baseUrl });
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.text).toBe('```ts\nexport const warm = 1;\n```\n');
    expect(seen[0]?.finish).toBe('STOP');
    expect(seen[0]?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The app's version completes its rounds against that server within the bound.
    await expect(warmHttpClient({ stream: streamLikeTheApp(settingsSchema.parse({}).gemini, 3) })).resolves.toBeUndefined();
  });
});
