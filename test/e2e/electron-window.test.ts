// The real desktop window through Playwright's _electron: hardened renderer, exact preload Api, CSP, blocked navigation, IPC round trip.
// Runs where an Electron binary is installed (and a display exists); otherwise each test is skipped with the printed reason.
// The same flows through the same renderer are covered by the web host's e2e tests (test/e2e/start.test.ts and others).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';

const root = process.cwd();
const { findElectronBinary } = (await import(pathToFileURL(join(root, 'scripts/electron-binary.mjs')).href)) as {
  findElectronBinary(root: string): { found: true; path: string } | { found: false; reason: string };
};
const binary = findElectronBinary(root);
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary.found ? binary.reason : needsDisplay ? 'no display (run under xvfb-run)' : undefined;
if (skipReason) console.log(`Electron window tests skipped: ${skipReason}. The web host e2e tests cover the same renderer flows.`);
const runs = skipReason === undefined;

describe('the Electron window', () => {
  let electron: ElectronApplication | undefined;
  let sim: GeminiSimulator | undefined;
  let dataDir = '';
  let main: Page;

  beforeAll(async () => {
    if (!runs || !binary.found) return;
    sim = await startGeminiSimulator();
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-electron-'));
    electron = await _electron.launch({
      executablePath: binary.path,
      args: [join(root, 'dist/main/electron.cjs'), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
      env: {
        ...process.env,
        VOICE_CODEGEN_DATA_DIR: dataDir,
        GEMINI_API_KEY: sim.apiKey,
        VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl,
        VOICE_CODEGEN_SIMULATED: '1',
        VOICE_CODEGEN_NO_UPDATE: '1',
      },
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = electron.windows().find((w) => !w.url().includes('view=overlay') && w.url().startsWith('vcg://app/'));
      if (found) {
        main = found;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no main window; windows: ${electron.windows().map((w) => w.url()).join(', ')}`);
      await electron.waitForEvent('window', { timeout: 5_000 }).catch(() => undefined);
    }
    await main.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await electron?.close();
    await sim?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!runs)('both windows (main and overlay) load our origin with the preload Api and no Node in the page', async () => {
    const pages = electron!.windows();
    expect(pages.map((p) => new URL(p.url()).search).sort()).toEqual(['', '?view=overlay']);
    for (const page of pages) {
      expect(page.url().startsWith('vcg://app/index.html')).toBe(true);
      const seen = await page.evaluate(() => ({ api: typeof (window as unknown as { voiceCodegen?: unknown }).voiceCodegen, node: typeof (window as unknown as { process?: unknown }).process }));
      expect(seen).toEqual({ api: 'object', node: 'undefined' });
    }
  });

  it.skipIf(!runs)('the renderer sees exactly the contract Api and no Node', async () => {
    const seen = await main.evaluate(() => ({
      api: Object.keys((window as unknown as { voiceCodegen: object }).voiceCodegen).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(seen).toEqual({ api: ['call', 'on', 'sendAudio'], require: 'undefined', process: 'undefined' });
  });

  it.skipIf(!runs)('a call goes over IPC, is validated, and a bad payload comes back as a VALIDATION error', async () => {
    const info = await main.evaluate(() => (window as unknown as { voiceCodegen: { call(m: string, p: unknown): Promise<{ host: string }> } }).voiceCodegen.call('app.info', {}));
    expect(info.host).toBe('electron');
    const error = await main.evaluate(() =>
      (window as unknown as { voiceCodegen: { call(m: string, p: unknown): Promise<unknown> } }).voiceCodegen.call('request.text', { text: 42 }).then(
        () => null,
        (e: { code: string }) => e.code,
      ),
    );
    expect(error).toBe('VALIDATION');
  });

  it.skipIf(!runs)('the page is served with our CSP: no eval, no remote scripts', async () => {
    const csp = await main.evaluate(() => fetch(location.href).then((r) => r.headers.get('content-security-policy')));
    expect(csp).toContain("script-src 'self'");
    const evalBlocked = await main.evaluate(() => {
      try {
        return eval('1') !== 1;
      } catch {
        return true;
      }
    });
    expect(evalBlocked).toBe(true);
  });

  it.skipIf(!runs)('navigation away and new windows are blocked', async () => {
    const before = main.url();
    const opened = await main.evaluate(() => window.open('https://example.com/') === null);
    await main.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(opened).toBe(true);
    expect(main.url()).toBe(before);
    expect(electron!.windows().some((w) => w.url().startsWith('https://'))).toBe(false);
  });
});
