// The renderer capture in real Chromium, bundled by Vite, with an espeak-ng WAV as the microphone: 100 ms 16 kHz
// PCM16 chunks arrive as ArrayBuffers with levels, and microphone failures come back as errors that say what to do.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, launchChromium } from '../support/browser.js';
import { speechWav } from '../support/speech.js';

// Skipped only where Chromium cannot start or the fixture cannot be made, and then it says why.
const skipReason = chromiumSkipReason({ speech: true });
if (skipReason) console.warn(`renderer capture in Chromium skipped: ${skipReason}`);
const runs = skipReason === undefined;

const dir = mkdtempSync(join(tmpdir(), 'audio-capture-'));
let server: Server;
let origin = '';

interface PageResult {
  ok: boolean;
  error?: { code: string; reason: string; message: string };
  deviceRate?: number;
  chunks?: Array<{ samples: number; bytes: number; isArrayBuffer: boolean; rms: number; sequence: number }>;
  levels?: number;
}

// The page the test drives: the real capture module, bundled by Vite exactly as the app's renderer is.
const ENTRY = `
import { startCapture } from ${JSON.stringify(join(process.cwd(), 'renderer/src/capture/capture.ts'))};
window.runCapture = async (ms, deviceId) => {
  const chunks = [];
  let levels = 0;
  try {
    const session = await startCapture({
      deviceId,
      onChunk: (pcm16, info) => chunks.push({ samples: info.samples, bytes: pcm16.byteLength, isArrayBuffer: pcm16 instanceof ArrayBuffer, rms: info.rms, sequence: info.sequence }),
      onLevel: () => { levels++; },
    });
    await new Promise((r) => setTimeout(r, ms));
    await session.stop();
    return { ok: true, deviceRate: session.deviceRate, chunks, levels };
  } catch (e) {
    return { ok: false, error: { code: e.code, reason: e.reason, message: e.message } };
  }
};
`;

beforeAll(async () => {
  if (!runs) return;
  writeFileSync(join(dir, 'entry.js'), ENTRY);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><script type="module" src="./entry.js"></script></body></html>');
  const { build } = await import('vite');
  await build({ root: dir, configFile: false, logLevel: 'error', build: { outDir: join(dir, 'dist'), emptyOutDir: true } });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  server = createServer((req, res) => {
    const path = join(dir, 'dist', new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function capture(options: { fakeMicWav?: string; denyMicrophone?: boolean }, ms: number, deviceId?: string): Promise<PageResult> {
  const browser = await launchChromium({ ...options });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => 'runCapture' in window);
    return (await page.evaluate(([m, d]) => (window as unknown as { runCapture(ms: number, id?: string): Promise<PageResult> }).runCapture(m as number, d as string | undefined), [ms, deviceId] as const)) as PageResult;
  } finally {
    await browser.cleanup();
  }
}

describe.runIf(runs)('renderer capture in Chromium', () => {
  it('delivers a spoken sentence as 100 ms chunks of 16 kHz PCM16 with levels, the last flushed on stop', async () => {
    const wav = speechWav('Write a function that sorts a list of numbers', { rate: 48000, padSeconds: 0.5 });
    const result = await capture({ fakeMicWav: wav }, 2500);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect([44100, 48000]).toContain(result.deviceRate);
    const chunks = result.chunks ?? [];
    const total = chunks.reduce((s, c) => s + c.samples, 0);
    expect(total).toBeGreaterThan(16000); // over a second of audio in 2.5 s of capture
    expect(chunks.every((c) => c.isArrayBuffer && c.bytes === c.samples * 2 && c.samples <= 3200)).toBe(true);
    expect(chunks.slice(0, -1).every((c) => c.samples === 1600)).toBe(true);
    expect(chunks.map((c) => c.sequence)).toEqual(chunks.map((_, i) => i));
    expect(result.levels).toBe(chunks.length);
    expect(Math.max(...chunks.map((c) => c.rms))).toBeGreaterThan(0.01); // the speech came through, not silence
  });

  it('says the chosen microphone is missing when its device is gone', async () => {
    const result = await capture({ fakeMicWav: speechWav('hello') }, 100, 'no-such-device');
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'NO_MICROPHONE', reason: 'no-device' });
    expect(result.error?.message).toMatch(/Connect a microphone/);
  });

  it('says where to allow access when the microphone is denied', async () => {
    const result = await capture({ denyMicrophone: true }, 100);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('NO_MICROPHONE');
    expect(['denied', 'no-device']).toContain(result.error?.reason);
    expect(result.error?.message.length).toBeGreaterThan(40);
  });
});
