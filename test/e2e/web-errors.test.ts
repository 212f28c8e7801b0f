// Error states in real Chromium through the web host against the Gemini simulator: a 429 countdown that retries by itself,
// a quota beyond the wait limit, an incomplete answer, and fail fast with the simulator stopped (no listening, no audio).
// Each state is checked with axe-core and the layout check, and photographed at 1280x800 and at the overlay's 440x240.
import { DEFAULT_MODELS } from '../../main/config/models.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { describeViolations, findLayoutProblems, runAxe } from '../support/axe.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import type { StartedApp } from '../support/start-app.js';
import { closeWebSession, newReturningUserContext, startWebApp } from '../support/web-session.js';

const ARTIFACTS = join(process.cwd(), 'test/e2e/artifacts');
const CODEGEN = DEFAULT_MODELS.codegen;
/** The overlay's size today (main/hosts/electron/logic/window-options.ts). */
const OVERLAY = { width: 440, height: 240 };
const DESKTOP = { width: 1280, height: 800 };

declare global {
  interface Window {
    __statusLog: string[];
    __phases: string[];
  }
}

/** Records every status text, every phase, and when code first shows, in the order the user saw them. */
function recordStatus(): void {
  window.__statusLog = [];
  window.__phases = [];
  const seen = (): void => {
    const status = document.querySelector('.status[data-phase]');
    const text = status?.textContent ?? '';
    const phase = status?.getAttribute('data-phase') ?? '';
    const log = window.__statusLog;
    const label = text.replace(/\d+ s/, 'N s');
    if (text && log[log.length - 1]?.replace(/\d+ s/, 'N s') !== label) log.push(text);
    if (phase && window.__phases[window.__phases.length - 1] !== phase) window.__phases.push(phase);
    if (document.querySelector('section.result') && !log.includes('CODE')) log.push('CODE');
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

/** The error notice of the request (main window or overlay), not an app-wide alert banner that may show beside it. */
function errorAlert(page: Page): Locator {
  return page.locator('[role="alert"][data-code]');
}

async function expectFitsAndAccessible(page: Page, what: string): Promise<void> {
  const problems = await findLayoutProblems(page);
  expect(problems, `${what}:\n${problems.join('\n')}`).toEqual([]);
  const violations = await runAxe(page, 'serious');
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function typeRequest(page: Page, text: string): Promise<void> {
  await page.evaluate(() => {
    window.__statusLog = [];
    window.__phases = [];
  });
  // The overlay HUD shows one state at a time: a result or an error is dismissed before the next typed request.
  const hudDismiss = page.locator('.hud:not([data-state="idle"])').getByRole('button', { name: 'Dismiss' });
  if (await hudDismiss.count()) await hudDismiss.first().click();
  await page.getByLabel('Or type a request').fill(text);
  await page.getByLabel('Or type a request').press('Enter');
}

async function openPages(browser: Browser, app: StartedApp): Promise<{ context: BrowserContext; desktop: Page; overlay: Page; audioFrames: () => number }> {
  const context = await newReturningUserContext(browser, { viewport: DESKTOP, grant: { permissions: ['microphone'], origin: app.origin } });
  await context.addInitScript(recordStatus);
  let audio = 0;
  const desktop = await context.newPage();
  desktop.on('websocket', (ws) => ws.on('framesent', (frame) => typeof frame.payload !== 'string' && audio++));
  await desktop.goto(app.launchUrl);
  await desktop.getByRole('button', { name: 'Hold to talk' }).waitFor();
  const overlay = await context.newPage();
  await overlay.setViewportSize(OVERLAY);
  await overlay.goto(`${app.launchUrl}&view=overlay`);
  await overlay.getByRole('button', { name: 'Hold to talk' }).waitFor();
  return { context, desktop, overlay, audioFrames: () => audio };
}

describe('error states in Chromium (web host, simulated Gemini)', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let sim: GeminiSimulator;
  let app: StartedApp;
  let pages: Awaited<ReturnType<typeof openPages>>;

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    mkdirSync(ARTIFACTS, { recursive: true });
    sim = await startGeminiSimulator({ profile: 'instant' });
    app = await startWebApp(sim);
    browser = await launchChromium();
    pages = await openPages(browser, app);
  }, 120_000);

  afterAll(() => closeWebSession({ context: pages?.context, browser, app, sim }));

  it('a 429 with RetryInfo 3 s: the countdown is the next thing shown, never "Writing code…" first, and the request completes by itself', async () => {
    for (const [page, name] of [[pages.desktop, 'desktop'], [pages.overlay, 'overlay']] as const) {
      sim.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 3, count: 1, model: CODEGEN });
      await typeRequest(page, `write a python function that reverses a string (${name})`);
      const countdown = page.locator('.status-waiting');
      await countdown.waitFor();
      await expect(countdown.textContent()).resolves.toMatch(/^Gemini quota reached — retrying in [1-3] s$/);
      await expectFitsAndAccessible(page, `${name} waiting for a retry`);
      await shoot(page, `${name}-waiting-quota-retry`);
      await page.getByRole('button', { name: 'Copy code' }).waitFor({ timeout: 15_000 });
      const log = await page.evaluate(() => window.__statusLog);
      const waitingAt = log.findIndex((s) => s.startsWith('Gemini quota reached — retrying in'));
      // Between the request and the countdown only neutral steps; code and "Writing code…" come after it.
      expect(log.slice(0, waitingAt).every((s) => s === 'Ready' || s === 'Transcribing…' || s.startsWith('Asking Gemini…')), JSON.stringify(log)).toBe(true);
      expect(log.indexOf('CODE'), JSON.stringify(log)).toBeGreaterThan(waitingAt);
      expect(log.findIndex((s) => s.startsWith('Writing code…'))).not.toBeLessThan(waitingAt);
      expect(log.some((s) => s.startsWith('Done')), JSON.stringify(log)).toBe(true);
      // The wait is its own stage, shown apart from the budgets (the desktop view lists stages; the overlay shows chips).
      if (name === 'desktop') await expect(page.locator('.timing-waiting').textContent()).resolves.toMatch(/^Waited (29\d\d|3\d{3}) ms before retrying Gemini/);
      await expect(errorAlert(page).count()).resolves.toBe(0);
    }
  });

  it('an answer cut at MAX_TOKENS is amber "incomplete" with Continue, which asks for the rest', async () => {
    for (const [page, name] of [[pages.desktop, 'desktop'], [pages.overlay, 'overlay']] as const) {
      sim.injectFault({ kind: 'finish-reason', reason: 'MAX_TOKENS', model: CODEGEN });
      await typeRequest(page, `write a go function that checks if a number is prime (${name})`);
      const alert = errorAlert(page);
      await alert.getByText('Incomplete: the answer hit the length limit').waitFor();
      await expect(alert.getAttribute('class')).resolves.toContain('tone-warning');
      await expect(alert.getByRole('button', { name: 'Continue' }).isVisible()).resolves.toBe(true);
      await expectFitsAndAccessible(page, `${name} incomplete`);
      await shoot(page, `${name}-error-incomplete-max-tokens`);
      const before = sim.stats().rest.requestsByModel[CODEGEN] ?? 0;
      await alert.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => sim.stats().rest.requestsByModel[CODEGEN] ?? 0).toBeGreaterThan(before);
      const last = sim.stats().rest.requests.at(-1);
      expect(last?.model).toBe(CODEGEN);
      await page.getByRole('button', { name: 'Copy code' }).waitFor();
    }
  });

  it('a 429 longer than the wait limit: "try again in N s" counting down, a Try again button; then the talk button fails fast', async () => {
    sim.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 45, count: 1, model: CODEGEN });
    const { desktop, overlay } = pages;
    await typeRequest(desktop, 'write a python function that adds two numbers');
    const alert = errorAlert(desktop);
    await alert.getByRole('heading', { name: /^Gemini quota reached — try again in 4[45] s$/ }).waitFor();
    await expect(alert.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true);
    await expect(alert.textContent()).resolves.not.toMatch(/Writing code/);
    // The code and Google's words are in Details, not in the message.
    await expect(alert.locator('.error-details').isVisible()).resolves.toBe(true);
    await expect(alert.locator('.error-message').isVisible()).resolves.toBe(false);
    await expectFitsAndAccessible(desktop, 'desktop quota error');
    await shoot(desktop, 'desktop-error-quota');
    await alert.getByText('Details').click();
    await expect(alert.locator('.error-message').textContent()).resolves.toContain('QUOTA');
    await expectFitsAndAccessible(desktop, 'desktop quota error, details open');
    await shoot(desktop, 'desktop-error-quota-details');
    await expect.poll(() => alert.getByRole('heading').textContent(), { timeout: 5_000 }).toMatch(/try again in 4[0-3] s/);

    // The breaker is open for the RetryInfo delay: pressing the button shows why at once, and records nothing.
    const framesBefore = pages.audioFrames();
    for (const [page, name] of [[desktop, 'desktop'], [overlay, 'overlay']] as const) {
      await page.evaluate(() => {
        window.__statusLog = [];
        window.__phases = [];
      });
      const button = page.getByRole('button', { name: 'Hold to talk' });
      await button.hover();
      await page.mouse.down();
      await errorAlert(page).getByRole('heading', { name: /^Gemini quota reached — try again in \d+ s$/ }).waitFor();
      await page.waitForTimeout(500);
      await page.mouse.up();
      await expect(page.evaluate(() => window.__phases)).resolves.not.toContain('listening');
      await expectFitsAndAccessible(page, `${name} quota error on press`);
      await shoot(page, `${name}-error-quota-fail-fast`);
    }
    expect(pages.audioFrames()).toBe(framesBefore);
  });
});

describe('fail fast with the simulator stopped (Chromium, web host)', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let app: StartedApp;
  let pages: Awaited<ReturnType<typeof openPages>>;
  let host: string;

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    const sim = await startGeminiSimulator({ profile: 'instant' });
    host = new URL(sim.baseUrl).host;
    app = await startWebApp(sim);
    browser = await launchChromium();
    pages = await openPages(browser, app);
    await sim.close();
  }, 120_000);

  afterAll(() => closeWebSession({ context: pages?.context, browser, app }));

  it("a typed request's error names the host; once the breaker is open the button shows the error with no listening state and no audio sent", async () => {
    const { desktop, overlay } = pages;
    // Each failure counts against the instance; the breaker opens after a few (settings.gemini.breaker.failureThreshold).
    for (let i = 0; i < 5; i++) {
      await typeRequest(desktop, `write a python function that reverses a string ${i}`);
      const alert = errorAlert(desktop);
      await alert.waitFor();
      await expect(alert.getByRole('heading').textContent()).resolves.toContain(host);
      await expect(alert.textContent()).resolves.not.toMatch(/Live connection/);
      if (i === 0) {
        await expectFitsAndAccessible(desktop, 'desktop unreachable');
        await shoot(desktop, 'desktop-error-unreachable');
      }
      if (/is not answering/.test((await alert.getByRole('heading').textContent()) ?? '')) break;
    }
    await errorAlert(desktop).getByRole('heading', { name: `Gemini at ${host} is not answering` }).waitFor();
    const framesBefore = pages.audioFrames();
    for (const [page, name] of [[desktop, 'desktop'], [overlay, 'overlay']] as const) {
      await page.evaluate(() => {
        window.__statusLog = [];
        window.__phases = [];
      });
      await page.getByRole('button', { name: 'Hold to talk' }).hover();
      await page.mouse.down();
      const alert = errorAlert(page);
      await alert.getByRole('heading', { name: `Gemini at ${host} is not answering` }).waitFor();
      await page.waitForTimeout(500);
      await page.mouse.up();
      await expect(page.evaluate(() => window.__phases)).resolves.not.toContain('listening');
      await expect(alert.textContent()).resolves.toMatch(/next try is allowed in \d+ s/);
      await expectFitsAndAccessible(page, `${name} unreachable on press`);
      await shoot(page, `${name}-error-unreachable-fail-fast`);
    }
    expect(pages.audioFrames()).toBe(framesBefore);
  });
});

describe('unknown model, unavailable, rejected key (Chromium, web host)', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let sim: GeminiSimulator;
  let app: StartedApp;
  let pages: Awaited<ReturnType<typeof openPages>>;

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    sim = await startGeminiSimulator({ profile: 'instant', apiKeys: ['AIzaSimulatedKeyForTheKeyCheck0001'] });
    app = await startWebApp(sim);
    browser = await launchChromium();
    pages = await openPages(browser, app);
  }, 120_000);

  afterAll(() => closeWebSession({ context: pages?.context, browser, app, sim }));

  /** Dismisses the overlay's error first: while an error shows, the overlay gives it the room of the text box. */
  const dismiss = async (page: Page): Promise<void> => {
    const button = errorAlert(page).getByRole('button', { name: 'Dismiss' });
    if (await button.count()) await button.click();
  };

  it('each error says what it is about in plain words, with its action, at both sizes', async () => {
    const host = new URL(sim.baseUrl).host;
    // Ordered so that each leaves the instance usable for the next: a rejected key pauses it, so it comes last.
    const cases = [
      {
        name: 'unknown-model',
        fault: { kind: 'http-error', status: 404, count: 1, model: CODEGEN, message: `models/${CODEGEN} is not found for API version v1beta, or is not supported for streamGenerateContent.` },
        title: `Gemini does not know the model ${CODEGEN}`,
        button: 'Open Settings',
      },
      { name: 'unavailable', fault: { kind: 'http-error', status: 503, count: 3, model: CODEGEN }, title: 'Gemini is unavailable', cause: host, button: 'Try again' },
      { name: 'invalid-key', fault: { kind: 'http-error', status: 400, count: 1, model: CODEGEN, message: 'API key not valid. Please pass a valid API key.' }, title: 'Google rejected the key', button: 'Change key' },
    ] as const;
    for (const c of cases) {
      for (const [page, size] of [[pages.desktop, 'desktop'], [pages.overlay, 'overlay']] as const) {
        // The rejected key pauses the instance: the overlay then shows the same error without asking Gemini again.
        if (!(c.name === 'invalid-key' && size === 'overlay')) sim.injectFault(c.fault);
        await dismiss(page);
        await typeRequest(page, `write a python function that sorts a list (${c.name} ${size})`);
        const alert = errorAlert(page);
        await alert.getByRole('heading', { name: c.title }).waitFor();
        if ('cause' in c) await expect(alert.textContent()).resolves.toContain(c.cause);
        await expect(alert.getByRole('button', { name: c.button }).isVisible()).resolves.toBe(true);
        await expectFitsAndAccessible(page, `${size} ${c.name}`);
        await shoot(page, `${size}-error-${c.name}`);
      }
    }
    await errorAlert(pages.desktop).getByRole('button', { name: 'Change key' }).click();
    await pages.desktop.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
  });

  it("Settings: a key Google rejects is refused at save with Google's message; the simulator's key is saved and verified", async () => {
    const page = pages.desktop;
    await page.getByRole('tab', { name: 'Settings' }).click();
    const input = page.getByRole('textbox', { name: 'Gemini API key' });
    await input.fill('not-a-real-key');
    await page.getByRole('button', { name: 'Save key' }).click();
    const alert = errorAlert(page).filter({ hasText: 'Google rejected the key' });
    await alert.getByText('Google said: API key not valid. Please pass a valid API key.').waitFor();
    await expectFitsAndAccessible(page, 'settings key refused');
    await shoot(page, 'desktop-error-key-refused-at-save');
    await input.fill(sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByText(/Key saved.*Google accepted it\./).waitFor();
  });
});
