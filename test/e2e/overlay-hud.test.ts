// The overlay HUD at the sizes the shell gives it (overlay-size.ts) for each state, in real Chromium against the real app and the simulator:
// every button inside the window and unclipped, 12+ lines of a 30-line answer, axe clean, a screenshot of each.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERLAY_MIN, codeShape, overlaySize, type OverlayState, type Size } from '../../main/hosts/electron/logic/overlay-size.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { describeViolations, findLayoutProblems, runAxe } from '../support/axe.js';
import { speechToolsAvailable, speechWav } from '../support/speech.js';
import { startAppProcess, type StartedApp } from '../support/start-app.js';

const ARTIFACTS = join(process.cwd(), 'test/e2e/artifacts');
/** A 1920x1040 work area: the sizes are those a common screen gives. */
const SCREEN = { width: 1920, height: 1040 };
const SPOKEN = 'write a typescript function that builds a lookup table of thirty values';
const THIRTY = Array.from({ length: 30 }, (_, i) => `  table.set('key-${String(i).padStart(2, '0')}', compute(input, ${i}) * weights[${i % 7}]); // entry ${i + 1}`);
const ANSWER = `Here is the table.\n\n\`\`\`typescript\nexport function buildTable(input: number, weights: number[]): Map<string, number> {\n  const table = new Map<string, number>();\n${THIRTY.join('\n')}\n  return table;\n}\n\`\`\`\n`;

/** Buttons that stick out of the window or are cut by a container, and whether the page scrolls. */
async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    if (document.documentElement.scrollHeight > vh + 1) out.push(`page scrolls: ${document.documentElement.scrollHeight} > ${vh}`);
    for (const el of document.querySelectorAll('button, input')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).display === 'none') continue;
      const label = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) out.push(`${label}: its text overflows (${el.scrollWidth} > ${el.clientWidth})`);
      // The focus ring (2px outline, 2px offset) must show too.
      if (r.left < 4 || r.top < 4 || r.right > vw - 4 || r.bottom > vh - 4) out.push(`${label} at ${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.right)},${Math.round(r.bottom)} is not inside ${vw}x${vh} with room for its focus ring`);
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (!/(auto|scroll|hidden)/.test(getComputedStyle(p).overflow)) continue;
        const pr = p.getBoundingClientRect();
        if (r.top < pr.top - 1 || r.bottom > pr.bottom + 1 || r.left < pr.left - 1 || r.right > pr.right + 1) out.push(`${label} is cut by its container`);
      }
    }
    return out;
  });
}

describe('the overlay HUD at its real sizes', () => {
  let sim: GeminiSimulator;
  let app: StartedApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;

  /** Sets the viewport to the shell's size for `state`, then checks and photographs it. */
  const checkAt = async (name: string, state: OverlayState): Promise<Size> => {
    const size = overlaySize(state, SCREEN);
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await findLayoutProblems(page), name).toEqual([]);
    expect(await clippedControls(page), name).toEqual([]);
    const violations = await runAxe(page);
    expect(violations, `${name}: ${describeViolations(violations)}`).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `hud-${name}-${size.width}x${size.height}.png`) });
    return size;
  };
  /** The main window (onboarding and the privacy notice already seen) at 1280x800. */
  const openMain = async (query = ''): Promise<Page> => {
    const main = await context.newPage();
    await main.setViewportSize({ width: 1280, height: 800 });
    await main.addInitScript(() => {
      localStorage.setItem('vcg.onboarded', '1');
      localStorage.setItem('vcg.privacyNoticeSeen', '1');
    });
    await main.goto(`${app.launchUrl}${query}`);
    return main;
  };
  const typeRequest = async (text: string): Promise<void> => {
    await page.getByRole('textbox').fill(text);
    await page.getByRole('textbox').press('Enter');
  };

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required for the microphone fixture');
    mkdirSync(ARTIFACTS, { recursive: true });
    sim = await startGeminiSimulator({ profile: 'realistic' });
    // The fake microphone loops its file, so a hold may start anywhere in it: the default transcript, not a tone-keyed script.
    sim.setDefaultTranscript({ partials: ['write a typescript function ', 'that builds a lookup table ', 'of thirty values'], final: SPOKEN });
    sim.setCodeAnswer(ANSWER);
    app = await startAppProcess(['--web'], { GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl, NODE_ENV: 'production' });
    browser = await launchChromium({ fakeMicWav: speechWav(SPOKEN, { rate: 48000, padSeconds: 1 }) });
    context = await browser.newContext({ viewport: OVERLAY_MIN });
    context.setDefaultTimeout(20_000);
    await context.grantPermissions(['microphone', 'clipboard-read', 'clipboard-write'], { origin: app.origin });
    page = await context.newPage();
    await page.goto(`${app.launchUrl}&view=overlay`);
    await page.locator('.hud[data-state="idle"]').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.cleanup();
    await app?.stop();
    await sim?.close();
  });

  it('idle, listening, writing and done (30 lines) each fit the size the shell computes for them', async () => {
    await checkAt('idle', { kind: 'idle' });

    await page.getByRole('button', { name: 'Hold to talk' }).hover();
    await page.mouse.down();
    await page.locator('.hud[data-state="listening"]').waitFor();
    await expect.poll(async () => (await page.locator('.hud-partial').textContent()) ?? '', { timeout: 15_000 }).toMatch(/write a typescript/);
    const partial = (await page.locator('.hud-partial').textContent()) ?? '';
    await checkAt('listening', { kind: 'listening', partialChars: partial.length });
    await page.waitForTimeout(3_500);
    await page.mouse.up();

    // The answer streams for about two seconds at the realistic profile's 220 tokens/s.
    await page.locator('.hud[data-state="writing"]').waitFor();
    const streamed = (await page.getByLabel('Generated typescript code').textContent()) ?? '';
    await checkAt('writing', { kind: 'writing', ...codeShape(streamed) });

    await page.locator('.hud[data-state="done"]').waitFor();
    const code = (await page.getByLabel('Generated typescript code').textContent()) ?? '';
    expect(codeShape(code).codeLines).toBeGreaterThanOrEqual(30);
    await checkAt('done-30-lines', { kind: 'done', ...codeShape(code) });
    const visibleLines = await page.getByLabel('Generated typescript code').evaluate((el) => Math.floor((el.clientHeight - 16) / 18));
    expect(visibleLines).toBeGreaterThanOrEqual(12);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/Done · 3\d lines of typescript/);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.locator('.hud[data-state="idle"]').waitFor();
  });

  it('at its minimum size every state still shows its buttons', async () => {
    await page.setViewportSize(OVERLAY_MIN);
    expect(await clippedControls(page)).toEqual([]);
    await typeRequest('write a function that adds two numbers');
    await page.locator('.hud[data-state="done"]').waitFor();
    expect(await clippedControls(page)).toEqual([]);
    expect(await findLayoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `hud-done-minimum-${OVERLAY_MIN.width}x${OVERLAY_MIN.height}.png`) });
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.locator('.hud[data-state="idle"]').waitFor();
  });
  it('the main window at 1280x800 shows the text box and the code of a 30-line answer without scrolling the page', async () => {
    const main = await openMain();
    await main.getByLabel('Or type a request').fill('a typescript function that builds a lookup table');
    await main.getByLabel('Or type a request').press('Enter');
    await main.getByRole('button', { name: 'Copy code' }).waitFor();
    await main.screenshot({ path: join(ARTIFACTS, 'main-1280x800-result-30-lines.png') });
    const inView = async (selector: string): Promise<boolean> =>
      main.locator(selector).first().evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
      });
    expect(await inView('#text-request-input')).toBe(true);
    expect(await inView('.result .code-block')).toBe(true);
    expect(await main.evaluate(() => window.scrollY)).toBe(0);
    const codeLines = await main.locator('.result .code-block').evaluate((el) => Math.floor(el.clientHeight / 20));
    expect(codeLines).toBeGreaterThanOrEqual(10);
    expect(await main.locator('.app-main').evaluate((el) => el.scrollTop)).toBe(0);
    await main.close();
  });

  it('keyboard first in the main window: Space talks from anywhere but a field, / focuses the text box, Alt+C copies, ? lists the shortcuts; no Electron notation or paths in browser mode', async () => {
    const main = await openMain();
    await main.getByRole('button', { name: 'Hold to talk' }).waitFor();
    await expect.poll(() => main.locator('#ptt-hint').textContent()).toMatch(/Hold Space \(outside a text field\)/);
    const hint = (await main.locator('#ptt-hint').textContent()) ?? '';
    expect(hint).not.toMatch(/CommandOrControl/);
    const note = (await main.locator('.note').textContent()) ?? '';
    expect(note).toMatch(/^Browser mode/);
    expect(note).not.toMatch(/\/|node_modules|path\.txt/);
    await main.getByRole('button', { name: 'Dismiss the browser mode notice' }).click();
    await expect(main.locator('.note').count()).resolves.toBe(0);

    // Space with focus on the page (not the button) holds to talk.
    await main.locator('body').click({ position: { x: 900, y: 240 } });
    await main.keyboard.down(' ');
    await main.getByRole('status').filter({ hasText: 'Listening…' }).waitFor();
    await main.waitForTimeout(3_500);
    await main.keyboard.up(' ');
    await main.getByRole('button', { name: 'Copy code' }).waitFor();

    // Space typed into the text box is a space, not a dictation.
    await main.keyboard.press('/');
    await expect(main.evaluate(() => document.activeElement?.id)).resolves.toBe('text-request-input');
    await main.keyboard.type('a b');
    await expect(main.getByLabel('Or type a request').inputValue()).resolves.toBe('a b');
    await expect(main.locator('p.status').textContent()).resolves.toMatch(/Done/);

    await main.locator('body').click({ position: { x: 900, y: 240 } });
    await main.evaluate(() => navigator.clipboard.writeText('something else'));
    await main.keyboard.press('Alt+C');
    await expect.poll(() => main.evaluate(() => navigator.clipboard.readText())).toMatch(/export function buildTable/);

    await main.keyboard.press('?');
    await main.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    const violations = await runAxe(main);
    expect(violations, describeViolations(violations)).toEqual([]);
    await main.screenshot({ path: join(ARTIFACTS, 'main-1280x800-shortcuts.png') });
    await main.keyboard.press('Escape');
    await expect(main.getByRole('dialog').count()).resolves.toBe(0);
    await main.close();
  });
  it('each error kind fits its size with its buttons visible', async () => {
    const faults = [
      { name: 'quota', fault: { kind: 'http-error', status: 429, retryDelaySeconds: 40 } },
      { name: 'unavailable', fault: { kind: 'http-error', status: 503, count: 10 } },
      { name: 'bad-request', fault: { kind: 'http-error', status: 400, message: 'API key not valid. Please pass a valid API key.' } },
    ] as const;
    for (const { name, fault } of faults) {
      await page.setViewportSize(OVERLAY_MIN);
      sim.clearFaults();
      sim.injectFault(fault);
      await typeRequest(`a function for the ${name} case`);
      await page.locator('.hud[data-state="error"]').waitFor({ timeout: 30_000 });
      const message = (await page.locator('.hud-cause').textContent()) ?? '';
      await checkAt(`error-${name}`, { kind: 'error', messageChars: message.length });
      await page.getByRole('button', { name: 'Dismiss' }).click();
      await page.locator('.hud[data-state="idle"]').waitFor();
    }
    sim.clearFaults();
  });

  it('the dashboard after those errors: Gemini failing in plain words, the alerts, and the last hour per minute, the same after a reload', async () => {
    const dash = await openMain('&tab=dashboard');
    await dash.getByText(/^Gemini: failing, retry at \d/).waitFor();
    const alerts = dash.locator('section[aria-labelledby="dash-alerts"]');
    await alerts.getByText(/Gemini quota reached/).first().waitFor();
    await alerts.getByText(/Gemini is failing/).first().waitFor();
    const summary = dash.locator('section[aria-labelledby="dash-requests"] figcaption').first();
    await expect.poll(() => summary.textContent()).toMatch(/^Last hour: \d+ requests and [1-9]\d* errors over \d+ active minutes\.$/);
    const before = await summary.textContent();
    await expect(dash.locator('body').textContent()).resolves.not.toMatch(/\b(closed|half-open)\b|Live sessions.*sessions/);
    const violations = await runAxe(dash);
    expect(violations, describeViolations(violations)).toEqual([]);
    await dash.screenshot({ path: join(ARTIFACTS, 'dashboard-1280x800-gemini-failing.png'), fullPage: true });
    await dash.reload();
    await expect.poll(() => summary.textContent()).toBe(before);
    await dash.close();
  });
});
