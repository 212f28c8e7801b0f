// Issue 18: the web host's WebSocket is bounded: 8 clients (the 9th is told why), audio frames of at most 256 KB, audio
// at most 2x real time per dictation, and a total for buffered audio, so 16 clients sending 8 MB frames cannot grow it.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiRouter, type MethodHandlers } from '../../main/app/api-router.js';
import { AppEvents } from '../../main/app/app-events.js';
import { silentLogger } from '../../main/core/logger.js';
import { AudioIntake, AUDIO_BYTES_PER_SECOND, MAX_AUDIO_FRAME_BYTES } from '../../main/hosts/audio-intake.js';
import { MAX_WS_CLIENTS, startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';

const TOKEN = 'limits-test-token-0123456789abcdef';

interface Client {
  ws: WebSocket;
  opened: Promise<boolean>;
  closed: Promise<{ code: number; reason: string }>;
}

function frame(requestId: number, pcmBytes: number): Buffer {
  const buf = Buffer.alloc(4 + pcmBytes);
  buf.writeUInt32LE(requestId, 0);
  return buf;
}

describe('web host limits', () => {
  let host: WebHost | undefined;
  const clients: WebSocket[] = [];

  afterEach(async () => {
    for (const ws of clients.splice(0)) ws.terminate();
    await host?.close();
    host = undefined;
  });

  async function start(intake?: AudioIntake): Promise<{ host: WebHost; audio: Array<{ clientId: string; requestId: number; bytes: number }> }> {
    const audio: Array<{ clientId: string; requestId: number; bytes: number }> = [];
    const handlers = { 'app.info': () => ({ host: 'web' }) } as unknown as MethodHandlers;
    host = await startWebHost({
      router: new ApiRouter(handlers),
      events: new AppEvents(),
      onAudio: (requestId, pcm, clientId) => audio.push({ clientId, requestId, bytes: pcm.byteLength }),
      rendererDir: `${process.cwd()}/dist/renderer`,
      port: 0,
      logger: silentLogger,
      token: TOKEN,
      ...(intake ? { audioIntake: intake } : {}),
    });
    return { host, audio };
  }

  function connect(h: WebHost): Client {
    const origin = new URL(h.url).origin;
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws`, [`vcg.token.${TOKEN}`, 'vcg.v1'], { headers: { Origin: origin } });
    clients.push(ws);
    const opened = new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('error', () => resolve(false));
      ws.once('unexpected-response', () => resolve(false));
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    return { ws, opened, closed };
  }

  /** A round trip on the socket: every frame sent before it has been handled by the host. */
  async function flush(ws: WebSocket): Promise<void> {
    await new Promise<void>((resolve) => {
      const onMessage = (data: WebSocket.RawData): void => {
        if ((JSON.parse(String(data)) as { id?: number }).id === 999) {
          ws.off('message', onMessage);
          resolve();
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: 999, method: 'app.info', params: {} }));
    });
  }

  it('accepts 8 clients and refuses the 9th with a close reason that says why', async () => {
    const { host: h } = await start();
    expect(MAX_WS_CLIENTS).toBe(8);
    const first = Array.from({ length: MAX_WS_CLIENTS }, () => connect(h));
    expect(await Promise.all(first.map((c) => c.opened))).toEqual(Array(MAX_WS_CLIENTS).fill(true));
    const ninth = connect(h);
    const closed = await ninth.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/8 .*open/i);
    // A slot frees when a client leaves.
    first[0]?.ws.close();
    await first[0]?.closed;
    await expect.poll(async () => {
      const c = connect(h);
      const ok = await Promise.race([c.opened.then(async (o) => o && (await Promise.race([c.closed.then(() => false), flush(c.ws).then(() => true)]))), c.closed.then(() => false)]);
      return ok;
    }).toBe(true);
  });

  it('closes a connection that sends an audio frame over 256 KB, and forwards frames up to it', async () => {
    let t = 0;
    const { host: h, audio } = await start(new AudioIntake({ now: () => t }));
    const c = connect(h);
    expect(await c.opened).toBe(true);
    t = 10_000; // ten seconds in: the rate allows a whole 256 KB frame
    c.ws.send(frame(7, MAX_AUDIO_FRAME_BYTES));
    await flush(c.ws);
    expect(audio.map((a) => a.bytes)).toEqual([MAX_AUDIO_FRAME_BYTES]);
    c.ws.send(frame(7, MAX_AUDIO_FRAME_BYTES + 2));
    expect((await c.closed).code).toBe(1009);
    expect(audio).toHaveLength(1);
  });

  it('accepts audio at most at 2x real time per dictation', async () => {
    // The host's clock moves 10 ms per frame it looks at: 1000 frames of 100 ms arrive over ten seconds, 10x real time.
    let t = 0;
    const { host: h, audio } = await start(new AudioIntake({ now: () => (t += 10) }));
    const c = connect(h);
    expect(await c.opened).toBe(true);
    const chunk = AUDIO_BYTES_PER_SECOND / 10; // 100 ms of 16 kHz PCM16, as the renderer sends
    for (let i = 0; i < 1000; i++) c.ws.send(frame(3, chunk));
    await flush(c.ws);
    const accepted = audio.reduce((n, a) => n + a.bytes, 0);
    // At most 2x real time, plus the start-up allowance; at least real time still gets through.
    expect(accepted).toBeLessThanOrEqual(2 * AUDIO_BYTES_PER_SECOND * 10 + 4 * AUDIO_BYTES_PER_SECOND);
    expect(accepted).toBeGreaterThanOrEqual(AUDIO_BYTES_PER_SECOND * 10);
  });

  it('16 clients sending 8 MB frames: 8 get in, none of those frames is buffered, and the total buffered audio stays bounded', async () => {
    const { host: h, audio } = await start();
    const all = Array.from({ length: 16 }, () => connect(h));
    const opened = await Promise.all(all.map((c) => c.opened));
    const live = all.filter((_c, i) => opened[i]);
    await new Promise((r) => setTimeout(r, 200));
    const stillOpen = live.filter((c) => c.ws.readyState === WebSocket.OPEN);
    expect(stillOpen.length).toBeLessThanOrEqual(MAX_WS_CLIENTS);
    const big = frame(1, 8 * 1024 * 1024);
    for (const c of stillOpen) c.ws.send(big);
    const codes = await Promise.all(stillOpen.map((c) => c.closed.then((x) => x.code)));
    expect(codes.every((code) => code === 1009)).toBe(true);
    expect(audio).toHaveLength(0);
    // Then, as many as may connect flood 256 KB frames: what the host forwards stays under its total bound.
    const intake = h.audioIntake;
    const flooders = Array.from({ length: MAX_WS_CLIENTS }, () => connect(h));
    await Promise.all(flooders.map((c) => c.opened));
    for (const c of flooders) for (let i = 0; i < 40; i++) c.ws.send(frame(i + 1, MAX_AUDIO_FRAME_BYTES));
    await Promise.all(flooders.map((c) => flush(c.ws)));
    const forwarded = audio.reduce((n, a) => n + a.bytes, 0);
    expect(forwarded).toBeLessThanOrEqual(intake.limits.maxTotalBytes);
    expect(forwarded).toBeLessThanOrEqual(MAX_WS_CLIENTS * 2 * MAX_AUDIO_FRAME_BYTES);
    expect(intake.stats.droppedTooFast).toBeGreaterThan(0);
  });
});
