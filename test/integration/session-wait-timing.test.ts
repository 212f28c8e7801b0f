// A dictation says how long it waited for a Live session when none was warm (the load bench subtracts it from the app's share).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';

/** A tone then a warble: non-silent audio that opens with an identifying tone, without espeak-ng. */
function chunks(toneHz: number, seconds = 1): Uint8Array[] {
  const out = new Int16Array(Math.round(16000 * seconds));
  for (let i = 0; i < out.length; i++) {
    const t = i / 16000;
    const f = t < 0.15 ? toneHz : 300 + 200 * Math.sin(2 * Math.PI * 3 * t);
    out[i] = Math.round(9000 * Math.sin(2 * Math.PI * f * t));
  }
  const bytes = new Uint8Array(out.buffer);
  const list: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; at += 3200) list.push(bytes.slice(at, at + 3200));
  return list;
}

describe('session wait in a dictation\'s timings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ prewarm: true, settings: { pool: { min: 1, max: 1 }, cache: { enabled: false }, speculation: { enabled: false } } });
    h.sim.setScripts([{ toneHz: 1500, final: 'write a function that adds two numbers' }, { toneHz: 1700, final: 'write a function that adds three numbers' }]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reports the wait for a warm session and, longer, the queueing time of the dictation behind it', async () => {
    const idle = async (): Promise<number | undefined> => {
      const o = await h.app.router.call('dashboard.get', {}, { clientId: 't' });
      return o.ok ? (o.result as { pool?: { idle?: number } }).pool?.idle : undefined;
    };
    await expect.poll(idle, { timeout: 10_000 }).toBe(1);
    const first = h.app.startDictation({ onEvent: () => undefined, clientId: 'a' });
    const second = h.app.startDictation({ onEvent: () => undefined, clientId: 'b' });
    for (const c of chunks(1500)) first.push(c);
    for (const c of chunks(1700)) second.push(c);
    // The second dictation waits for the only session while the first holds it for this long.
    await new Promise((r) => setTimeout(r, 300));
    const a = await first.finish();
    const b = await second.finish();
    expect(a.timings?.session).toBeGreaterThanOrEqual(0);
    expect(a.timings?.session ?? Infinity).toBeLessThan(b.timings?.session ?? 0);
    expect(b.timings?.session).toBeGreaterThanOrEqual(250);
    expect(b.transcript).toBe('write a function that adds three numbers');
  });
});
