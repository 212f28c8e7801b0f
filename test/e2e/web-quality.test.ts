// The syntax check as a user sees it in real Chromium (web host, simulated Gemini): "parses as" on clean code; error
// lines marked and listed when the code still does not parse after its repair request.
import { DEFAULT_MODELS } from '../../main/config/models.js';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { describeViolations, findLayoutProblems, runAxe } from '../support/axe.js';
import type { StartedApp } from '../support/start-app.js';
import { closeWebSession, newReturningUserContext, startWebApp } from '../support/web-session.js';

const ARTIFACTS = join(process.cwd(), 'test/e2e/artifacts');

describe('web: the syntax check marks the result', () => {
  let sim: GeminiSimulator;
  let app: StartedApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;

  const ask = async (text: string): Promise<void> => {
    await page.getByLabel('Or type a request').fill(text);
    await page.getByLabel('Or type a request').press('Enter');
    await page.locator('.badge-check').waitFor({ timeout: 30_000 });
  };

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-web-quality-'));
    sim = await startGeminiSimulator({ profile: 'instant' });
    app = await startWebApp(sim, { simulated: true, dataDir });
    browser = await launchChromium();
    context = await newReturningUserContext(browser);
    page = await context.newPage();
    await page.goto(app.launchUrl);
    await page.getByText('simulated Gemini', { exact: true }).waitFor();
  });

  afterAll(() => closeWebSession({ context, browser, app, sim, dataDir }));

  it('clean code is marked "parses as Python"', async () => {
    await ask('write a python function that totals the invoice lines');
    await expect(page.locator('.badge-check').textContent()).resolves.toBe('parses as Python');
    expect(await page.locator('.code-block .error-line').count()).toBe(0);
  });

  it('code that still does not parse after the repair has its error line marked and listed', async () => {
    sim.injectFault({ kind: 'syntax-error', mode: 'prose', count: 2, model: DEFAULT_MODELS.codegen });
    await ask('write a python function that averages the quokka weights');
    await expect(page.locator('.badge-check').textContent()).resolves.toBe('1 syntax error (after a repair request)');
    const marked = page.locator('.code-block .error-line');
    expect(await marked.count()).toBe(1);
    const line = Number(await marked.getAttribute('data-line'));
    const code = (await page.locator('.code-block').textContent()) ?? '';
    expect(code.split('\n')[line - 1]).toMatch(/^This function adds/);
    await expect(page.getByRole('list', { name: 'Syntax errors' }).textContent()).resolves.toContain(`Line ${line}, column 1`);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await expect(findLayoutProblems(page)).resolves.toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'quality-syntax-errors.png') });
  });
});
