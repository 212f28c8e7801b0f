// No code from silence, in real Chromium: the fake microphone plays three seconds of quiet brown noise through the
// page's capture (AudioWorklet, echo cancellation, noise suppression, auto gain), the user holds the button, and the
// page says "Didn't catch that" with advice about the button; no generation request reaches the simulator.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { chromiumAvailable, launchChromium, openSimulatedApp } from '../support/browser.js';
import { FIXTURE_CACHE, speechToolsAvailable } from '../support/speech.js';
import type { StartedApp } from '../support/start-app.js';
import { closeWebSession, newReturningUserContext, startWebApp } from '../support/web-session.js';

/** The quiet noise at the rate a microphone gives (sox brownnoise vol 0.02). */
function quietNoiseWav(): string {
  mkdirSync(FIXTURE_CACHE, { recursive: true });
  const out = join(FIXTURE_CACHE, 'no-speech-brownnoise-48k.wav');
  if (existsSync(out)) return out;
  const tmp = `${out}.tmp.wav`;
  execFileSync('sox', ['-n', '-r', '48000', '-b', '16', '-c', '1', tmp, 'synth', '3', 'brownnoise', 'vol', '0.02'], { timeout: 60_000, stdio: ['ignore', 'ignore', 'pipe'] });
  renameSync(tmp, out);
  return out;
}

describe('web: quiet noise from the microphone ends in "Didn\'t catch that"', { timeout: 120_000 }, () => {
  let sim: GeminiSimulator;
  let app: StartedApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required for the microphone fixture');
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-web-no-speech-'));
    sim = await startGeminiSimulator({ profile: 'instant' });
    app = await startWebApp(sim, { simulated: true, dataDir });
    browser = await launchChromium({ fakeMicWav: quietNoiseWav() });
    context = await newReturningUserContext(browser, { grant: { permissions: ['microphone'], origin: app.origin } });
    page = await context.newPage();
    await openSimulatedApp(page, app.launchUrl);
  });

  afterAll(() => closeWebSession({ context, browser, app, sim, dataDir }));

  it('holding the button through three seconds of quiet noise shows the advice for the button, and nothing is generated', async () => {
    sim.resetStats();
    await page.getByRole('button', { name: 'Hold to talk' }).hover();
    await page.mouse.down();
    await page.getByText('Listening…').first().waitFor();
    await page.waitForTimeout(3_000);
    await page.mouse.up();
    const alert = page.getByRole('alert');
    await expect(alert.locator('.error-title').textContent({ timeout: 20_000 })).resolves.toBe("Didn't catch that");
    await expect(alert.locator('.error-advice').textContent()).resolves.toMatch(/^Hold the button/);
    expect(await page.locator('.code-block').count()).toBe(0);
    // Whatever a partial said, it was not the user's words: no transcript is left on screen.
    await expect(page.locator('.transcript-text').count()).resolves.toBe(0);
    // Audio did reach the app (the Live session got chunks), but no request for code (or a transcript) was made.
    expect(sim.stats().live.audioChunks).toBeGreaterThan(10);
    expect(sim.stats().rest.requests.filter((r) => !/transcribe/.test(r.model))).toHaveLength(0);
    expect(sim.stats().live.activityEnds).toBe(0);
  });
});
