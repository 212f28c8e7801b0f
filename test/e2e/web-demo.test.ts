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
    expect(app.output()).toMatch(/speech gets a scripted transcript/);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(30_000);
    await context.addInitScript(() => {
      localStorage.setItem('vcg.onboarded', '1');
      localStorage.setItem('vcg.privacyNoticeSeen', '1');
    });
    const page = await context.newPage();
    await page.goto(app.launchUrl);
    await page.getByText('simulated Gemini', { exact: true }).waitFor();
    await expect(page.locator('.sim-notice').textContent()).resolves.toMatch(/does not hear you.*scripted transcript/);

    if (speechToolsAvailable()) {
      await page.getByRole('button', { name: 'Hold to talk' }).hover();
      await page.mouse.down();
      await page.getByText('Listening…').first().waitFor();
      await page.waitForTimeout(3_500);
      await page.mouse.up();
      await page.getByRole('button', { name: 'Copy code' }).waitFor();
      await expect(page.locator('.transcript-text').textContent()).resolves.toMatch(/\w+ \w+/);
      await page.locator('.transcript .scripted-mark').waitFor();
      await expect(page.locator('.transcript-text').textContent()).resolves.not.toMatch(/scripted/);
      await page.screenshot({ path: join(ROOT, 'test/e2e/artifacts/demo-spoken.png') });
    }

    await page.getByLabel('Or type a request').fill('a python function that reverses a string');
    await page.getByLabel('Or type a request').press('Enter');
    await page.getByLabel('Generated python code').waitFor();
    await page.getByRole('button', { name: 'Copy code' }).waitFor();
    await page.screenshot({ path: join(ROOT, 'test/e2e/artifacts/demo-typed.png') });

    // The demo answers in the language asked: a prime check in Go, a line count in bash.
    await page.getByLabel('Or type a request').fill('a go function that checks if a number is prime');
    await page.getByLabel('Or type a request').press('Enter');
    await page.getByLabel('Generated go code').waitFor();
    await page.getByRole('button', { name: 'Copy code' }).waitFor();
    await expect(page.getByLabel('Generated go code').textContent()).resolves.toMatch(/func IsPrime\(n int\) bool[\s\S]*n%d == 0/);
    await page.getByLabel('Or type a request').fill('a bash script that counts lines in every file');
    await page.getByLabel('Or type a request').press('Enter');
    await page.getByLabel('Generated bash code').waitFor();
    await page.getByRole('button', { name: 'Copy code' }).waitFor();
    await expect(page.getByLabel('Generated bash code').textContent()).resolves.toMatch(/#!\/usr\/bin\/env bash[\s\S]*wc -l/);
    await page.screenshot({ path: join(ROOT, 'test/e2e/artifacts/demo-bash.png') });
    await context.close();
  });
});
