// `npm run demo` as a new user runs it: the simulator and the app start within 60 s, the page says "simulated Gemini",
// and both a spoken and a typed request come back with code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { speechToolsAvailable, speechWav } from '../support/speech.js';
import { startAppProcess, type StartedApp } from '../support/start-app.js';

const ROOT = process.cwd();

describe('npm run demo', () => {
  let app: StartedApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let dataDir: string;
  let startedInMs = 0;

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-demo-'));
    const t0 = Date.now();
    app = await startAppProcess(['--demo', '--web'], { VOICE_CODEGEN_DATA_DIR: dataDir, NODE_ENV: 'production' }, 60_000);
    startedInMs = Date.now() - t0;
    const wav = speechToolsAvailable() ? speechWav('write a function that adds two numbers', { rate: 48000, padSeconds: 1 }) : undefined;
    browser = await launchChromium(wav ? { fakeMicWav: wav } : {});
  });

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts within 60 s, says "simulated Gemini" in the terminal and the page, and answers a spoken and a typed request', async () => {
    expect(startedInMs).toBeLessThan(60_000);
    expect(app.output()).toMatch(/simulated/i);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(30_000);
    await context.addInitScript(() => {
      localStorage.setItem('vcg.onboarded', '1');
      localStorage.setItem('vcg.privacyNoticeSeen', '1');
    });
    const page = await context.newPage();
    await page.goto(app.launchUrl);
    await page.getByText('simulated Gemini', { exact: true }).waitFor();

    if (speechToolsAvailable()) {
      await page.getByRole('button', { name: 'Hold to talk' }).hover();
      await page.mouse.down();
      await page.getByText('Listening…').waitFor();
      await page.waitForTimeout(3_500);
      await page.mouse.up();
      await page.getByRole('button', { name: 'Copy code' }).waitFor();
      await expect(page.locator('.transcript-text').textContent()).resolves.toMatch(/\w+ \w+/);
      await page.screenshot({ path: join(ROOT, 'test/e2e/artifacts/demo-spoken.png') });
    }

    await page.getByLabel('Or type a request').fill('a python function that reverses a string');
    await page.getByLabel('Or type a request').press('Enter');
    await page.getByLabel('Generated python code').waitFor();
    await page.getByRole('button', { name: 'Copy code' }).waitFor();
    await page.screenshot({ path: join(ROOT, 'test/e2e/artifacts/demo-typed.png') });
    await context.close();
  });
});
