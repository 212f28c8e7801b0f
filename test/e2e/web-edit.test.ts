// Editing by voice in browser mode, in real Chromium against the real app (web host) and the Gemini simulator: the
// CodeMirror pane, a typed and a spoken edit of the selection, the inline diff, apply, undo, discard; axe; screenshots.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { chromiumSkipReason, launchChromium } from '../support/browser.js';
import { describeViolations, runAxe } from '../support/axe.js';
import { speechWav } from '../support/speech.js';
import type { StartedApp } from '../support/start-app.js';
import { closeWebSession, newReturningUserContext, startWebApp } from '../support/web-session.js';

const ARTIFACTS = join(process.cwd(), 'test/e2e/artifacts');
const TONE_HZ = 1180;
const SPOKEN = 'rename car to vehicle';
const HEADER = '# physics helpers';
const FUNCTION = 'def move(car, dt):\n    car.x += car.speed * dt\n    return car';
/** Browser windows the pane is used in: the test's, a laptop's and the desktop app's default (1100x760), and a narrow one. */
const WINDOW_SIZES = [
  { width: 1280, height: 900 },
  { width: 1366, height: 680 },
  { width: 1100, height: 760 },
  { width: 820, height: 700 },
];
const skip = chromiumSkipReason({ speech: true });
if (skip) console.warn(`web-edit e2e skipped: ${skip}`);

describe.skipIf(skip !== undefined)('browser edit pane: typed and spoken edits of the selection (simulated Gemini)', () => {
  let sim: GeminiSimulator;
  let app: StartedApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;
  let editor: Locator;
  let dataDir: string;
  const pageErrors: string[] = [];

  const text = async (): Promise<string> => page.evaluate(() => [...document.querySelectorAll('.cm-content .cm-line')].map((l) => l.textContent).join('\n'));
  /** Selects the function (line 2 to the end) by keyboard, as a user would. */
  const selectFunction = async (): Promise<void> => {
    await editor.focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+Control+End');
    await expect.poll(() => page.locator('#editor-status').textContent()).toBe('3 lines selected: hold to talk or type what to change.');
  };
  const finishedDiff = (): Locator => page.locator('.cm-edit-diff:not(.is-streaming)');
  /**
   * The main window's diff beside the open editor: in view without scrolling the page, all its rows shown (no inner
   * scroll for a 4-row diff), wide enough for a line of code; the editor keeps room too.
   */
  const readableMainDiff = async (size: { width: number; height: number }): Promise<void> => {
    await page.setViewportSize(size);
    const m = await page.evaluate(() => {
      const body = document.querySelector('.result .diff-body');
      const scroller = body?.closest('.dictation-body');
      const editor = document.querySelector('.editor-host .cm-editor');
      if (!body || !scroller || !editor) return null;
      const r = body.getBoundingClientRect();
      const s = scroller.getBoundingClientRect();
      return {
        inView: r.top >= Math.max(0, s.top) - 1 && r.bottom <= Math.min(window.innerHeight, s.bottom) + 1,
        allRows: body.scrollHeight <= body.clientHeight + 1,
        width: Math.round(r.width),
        height: Math.round(r.height),
        editorHeight: Math.round(editor.getBoundingClientRect().height),
      };
    });
    await page.screenshot({ path: join(ARTIFACTS, `web-edit-typed-diff-${size.width}x${size.height}.png`) });
    const at = `${size.width}x${size.height}: ${JSON.stringify(m)}`;
    expect(m, at).not.toBeNull();
    expect(m?.inView, at).toBe(true);
    expect(m?.allRows, at).toBe(true);
    expect(m?.width, at).toBeGreaterThanOrEqual(360);
    expect(m?.editorHeight, at).toBeGreaterThanOrEqual(150);
  };
  const accessible = async (what: string): Promise<void> => {
    const v = await runAxe(page, 'serious');
    expect(v, `${what}:\n${describeViolations(v)}`).toEqual([]);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-web-edit-'));
    sim = await startGeminiSimulator({ profile: 'realistic' });
    sim.setScripts([{ toneHz: TONE_HZ, partials: ['rename car ', 'to vehicle'], final: SPOKEN }]);
    app = await startWebApp(sim, { simulated: true, dataDir });
    browser = await launchChromium({ fakeMicWav: speechWav(SPOKEN, { rate: 48000, toneHz: TONE_HZ, padSeconds: 1 }) });
    context = await newReturningUserContext(browser, { viewport: { width: 1280, height: 900 }, grant: { permissions: ['clipboard-read', 'clipboard-write', 'microphone'], origin: app.origin } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
    await page.goto(app.launchUrl);
    await page.getByText('simulated Gemini', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Open the editor' }).click();
    editor = page.getByRole('textbox', { name: 'Code to edit' });
    await editor.waitFor();
    await editor.click();
    await page.keyboard.insertText(`${HEADER}\n${FUNCTION}`);
  });

  afterAll(() => closeWebSession({ context, browser, app, sim, dataDir }));

  it('a typed instruction edits the selection: inline diff, Apply in one step, Ctrl+Z restores it', async () => {
    await selectFunction();
    await page.getByLabel('Or type a request').fill('add a parameter max speed');
    await page.getByLabel('Or type a request').press('Enter');
    await finishedDiff().waitFor({ timeout: 30_000 });
    await expect(finishedDiff().getAttribute('aria-label')).resolves.toMatch(/^Proposed edit: \d+ lines? added, \d+ lines? removed$/);
    await expect(finishedDiff().locator('.cm-edit-add').count()).resolves.toBeGreaterThan(0);
    await expect(finishedDiff().locator('ins.diff-word').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/max_speed/)]));
    // The main window's result area shows the same diff.
    await expect(page.getByRole('figure', { name: 'Changes to 3 lines' }).count()).resolves.toBe(1);
    for (const size of WINDOW_SIZES) {
      await readableMainDiff(size);
      await accessible(`typed edit, diff shown at ${size.width}x${size.height}`);
    }
    await page.setViewportSize(WINDOW_SIZES[0] as { width: number; height: number });
    await accessible('typed edit, diff shown');
    await page.screenshot({ path: join(ARTIFACTS, 'web-edit-typed-diff.png') });
    await page.getByRole('button', { name: 'Apply edit' }).click();
    await expect.poll(text).toMatch(/^# physics helpers\ndef move\(car, dt, max_speed/);
    await expect(page.locator('.cm-edit-diff').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'web-edit-typed-applied.png') });
    await page.keyboard.press('Control+z');
    await expect.poll(text).toBe(`${HEADER}\n${FUNCTION}`);
  });

  it('a spoken instruction edits the selection: diff, Discard leaves the text, then Apply and undo', async () => {
    const speak = async (): Promise<void> => {
      await selectFunction();
      const button = page.getByRole('button', { name: 'Hold to talk' });
      await button.hover();
      await page.mouse.down();
      await page.locator('p.status[data-phase="listening"]').waitFor();
      await page.waitForTimeout(3_500);
      await page.mouse.up();
      await finishedDiff().waitFor({ timeout: 30_000 });
    };
    await speak();
    await expect(page.locator('.transcript-text').textContent()).resolves.toMatch(/rename car to vehicle/i);
    await expect(finishedDiff().locator('ins.diff-word').allTextContents()).resolves.toContain('vehicle');
    await accessible('spoken edit, diff shown');
    await page.screenshot({ path: join(ARTIFACTS, 'web-edit-spoken-diff.png') });
    await page.getByRole('button', { name: 'Discard edit' }).click();
    await expect(page.locator('.cm-edit-diff').count()).resolves.toBe(0);
    await expect(text()).resolves.toBe(`${HEADER}\n${FUNCTION}`);

    await speak();
    await editor.focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(text).toBe(`${HEADER}\n${FUNCTION.replaceAll('car', 'vehicle')}`);
    await page.screenshot({ path: join(ARTIFACTS, 'web-edit-spoken-applied.png') });
    await page.keyboard.press('Control+z');
    await expect.poll(text).toBe(`${HEADER}\n${FUNCTION}`);
    expect(pageErrors).toEqual([]);
  });
});
