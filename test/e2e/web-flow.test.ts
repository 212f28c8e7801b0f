// The whole flow a user sees, in real Chromium against the real app (web host) and the Gemini simulator: the fake
// microphone speaks, the user holds the button, the transcript and the code stream in, copy, history, cache, dashboard.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRANSCRIPT, startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openSimulatedApp } from '../support/browser.js';
import { describeViolations, findLayoutProblems, runAxe } from '../support/axe.js';
import { speechToolsAvailable, speechWav } from '../support/speech.js';
import type { StartedApp } from '../support/start-app.js';
import { closeWebSession, newReturningUserContext, startWebApp } from '../support/web-session.js';

const ARTIFACTS = join(process.cwd(), 'test/e2e/artifacts');
const TONE_HZ = 1320;
const BACKUP_KEY = 'AIza-e2e-backup-key-0123456789';
const SPOKEN = 'write a python function that reverses a string';

describe('web flow: speak, stream, copy, history, cache, dashboard (simulated Gemini)', () => {
  let sim: GeminiSimulator;
  let app: StartedApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;

  /** Pipeline events per request, read from the WebSocket frames the page receives. */
  const eventsSeen = new Map<number, Array<{ type: string; text?: string; result?: { transcript: string; cached: unknown } }>>();
  const lastRequest = (): string => JSON.stringify([...eventsSeen.values()].slice(-1)[0]?.filter((e) => e.type !== 'code.chunk' && e.type !== 'transcript.partial'));

  /** Holds the button while the fake microphone plays the sentence, checking the partial transcript before release. */
  const dictate = async (shot?: string): Promise<void> => {
    const button = page.getByRole('button', { name: 'Hold to talk' });
    await button.hover();
    await page.mouse.down();
    await page.getByText('Listening…').first().waitFor();
    await expect.poll(() => page.locator('.transcript-text').textContent().catch(() => ''), { timeout: 15_000 }).toMatch(/\w+/);
    await expect(page.locator('.transcript-text.is-partial').count()).resolves.toBe(1);
    if (shot) await page.screenshot({ path: join(ARTIFACTS, shot) });
    // The WAV is about 3 s: hold until it has been spoken.
    await page.waitForTimeout(3_500);
    await page.mouse.up();
  };

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required for the microphone fixture');
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-web-flow-'));
    // The backup instance's key (Settings test below) is one the simulator accepts: keys are checked with a real call on save.
    sim = await startGeminiSimulator({ profile: 'realistic', apiKeys: ['sim-key', BACKUP_KEY] });
    sim.setScripts([{ toneHz: TONE_HZ, partials: ['write a python ', 'function that ', 'reverses a string'], final: SPOKEN }]);
    app = await startWebApp(sim, { simulated: true, dataDir });
    const wav = speechWav(SPOKEN, { rate: 48000, toneHz: TONE_HZ, padSeconds: 1 });
    browser = await launchChromium({ fakeMicWav: wav });
    context = await newReturningUserContext(browser, { grant: { permissions: ['clipboard-read', 'clipboard-write', 'microphone'], origin: app.origin } });
    page = await context.newPage();
    page.on('websocket', (ws) =>
      ws.on('framereceived', (frame) => {
        if (typeof frame.payload !== 'string') return;
        const msg = JSON.parse(frame.payload) as { kind: string; event?: string; payload?: { requestId: number; event: { type: string; text?: string; result?: { transcript: string; cached: unknown } } } };
        if (msg.kind !== 'event' || msg.event !== 'pipeline.event' || !msg.payload) return;
        const list = eventsSeen.get(msg.payload.requestId) ?? [];
        const e = msg.payload.event;
        list.push({ type: e.type, ...(e.text !== undefined ? { text: e.text } : {}), ...(e.result ? { result: { transcript: e.result.transcript, cached: e.result.cached } } : {}) });
        eventsSeen.set(msg.payload.requestId, list);
      }),
    );
    await openSimulatedApp(page, app.launchUrl);
  });

  afterAll(() => closeWebSession({ context, browser, app, sim, dataDir }));

  it('holding the button: partial transcript, then code streaming in with highlighting, then copy puts it on the clipboard', async () => {
    await dictate('flow-dictation-listening.png');
    await page.locator('.code-block').waitFor();
    await page.getByRole('button', { name: 'Copy code' }).waitFor({ timeout: 30_000 });
    // The code came as a stream of chunks before the result (the harness test shows the view mid-stream).
    const types = [...eventsSeen.values()].slice(-1)[0]?.map((e) => e.type);
    expect(types?.filter((t) => t === 'transcript.partial').length).toBeGreaterThan(0);
    expect(types?.filter((t) => t === 'code.chunk').length).toBeGreaterThan(1);
    expect(types?.indexOf('code.chunk')).toBeLessThan(types?.indexOf('result') ?? -1);
    // The tone in the fake microphone's WAV selects the scripted transcript: the default one would mean the audio
    // did not reach the simulator intact (capture, resampling or chunking broke the tone).
    const said = await page.locator('.transcript-text').textContent();
    expect(said?.trim().toLowerCase().replace(/[.?!]$/, ''), `default transcript "${DEFAULT_TRANSCRIPT.final}" means the tone was not detected`).toBe(SPOKEN);
    expect(sim.stats().live.turns.at(-1)?.toneHz).toBe(TONE_HZ);
    const code = (await page.locator('.code-block').textContent()) ?? '';
    expect(code.length).toBeGreaterThan(10);
    await expect(page.locator('.badge-lang').textContent()).resolves.toMatch(/\w+/);
    await expect(page.locator('.timing-row[data-stage="total"] .timing-value').textContent()).resolves.toMatch(/\d/);
    await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
    await page.getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await expect(findLayoutProblems(page)).resolves.toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-dictation-result.png') });
  });

  it('history lists the request with its intent, language and timings', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const list = page.getByRole('list', { name: 'History entries' });
    await list.locator('.history-item').first().waitFor();
    await expect(list.locator('.history-item').first().textContent()).resolves.toMatch(/total \d/);
    await list.locator('.history-item').first().click();
    await page.getByLabel('Code from history').waitFor();
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await expect(findLayoutProblems(page)).resolves.toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-history.png') });
    await page.getByRole('tab', { name: 'Dictation' }).click();
  });

  it('the same request again is answered from the cache and says so', async () => {
    await dictate();
    await page.getByRole('button', { name: 'Copy code' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.badge-cached').count(), `not answered from the cache: ${lastRequest()}`).toBe(1);
    await expect(page.locator('.badge-cached').textContent()).resolves.toMatch(/cached · L[123]/);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-dictation-cached.png') });
  });

  it('typed requests work', async () => {
    await page.getByLabel('Or type a request').fill('a typescript function that checks whether a string is an email address');
    await page.getByLabel('Or type a request').press('Enter');
    await page.getByRole('button', { name: 'Copy code' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('.transcript-text').textContent()).resolves.toContain('email address');
    await expect(page.locator('.code-block').textContent()).resolves.toMatch(/\w+/);
  });

  it('quick commands read the clipboard on the click (browser permission granted) and send that code', async () => {
    const prompts: string[] = [];
    sim.setCodeAnswer((request) => {
      prompts.push(request.prompt);
      return '```typescript\n/** Adds two numbers. */\nexport function addNumbers(a: number, b: number): number {\n  return a + b;\n}\n```';
    });
    try {
      await page.evaluate(() => navigator.clipboard.writeText('function addNumbers(a, b) { return a + b; }'));
      await page.getByRole('group', { name: 'On the code you copied' }).getByRole('button', { name: 'Document' }).click();
      await page.getByRole('button', { name: 'Copy code' }).waitFor({ timeout: 30_000 });
      await expect(page.locator('.transcript-text').textContent()).resolves.toContain('document this code');
      await expect(page.locator('.code-block').textContent()).resolves.toContain('Adds two numbers');
      expect(prompts.some((p) => p.includes('function addNumbers(a, b)')), 'the clipboard text reached the prompt').toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'flow-quick-command.png') });
    } finally {
      sim.setCodeAnswer(null);
    }
  });

  it('a quick command with an empty clipboard says to copy the code first', async () => {
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.getByRole('group', { name: 'On the code you copied' }).getByRole('button', { name: 'Explain' }).click();
    await expect(page.getByRole('alert').textContent({ timeout: 20_000 })).resolves.toMatch(/clipboard is empty/i);
    const dismiss = page.getByRole('alert').getByRole('button', { name: /dismiss/i });
    if ((await dismiss.count()) > 0) await dismiss.first().click();
  });

  it("the dashboard shows the requests' stage timings", async () => {
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    const total = page.locator('tr[data-stage="total"]');
    await total.waitFor();
    await expect(total.textContent()).resolves.toMatch(/\(\d+\)\s*\d/);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await expect(findLayoutProblems(page)).resolves.toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-dashboard.png') });
  });

  it("settings show the app's values, save a change, and never show a key", async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const model = page.getByLabel('Code generation model');
    await expect.poll(() => model.inputValue()).toMatch(/\w/);
    await page.getByLabel('Default language').selectOption('rust');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Saved 1 change\./).waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByLabel('Default language').inputValue()).toBe('rust');
    await expect(page.content()).resolves.not.toContain(sim.apiKey);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await expect(findLayoutProblems(page)).resolves.toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-settings.png') });
    await page.getByLabel('Default language').selectOption('typescript');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Saved 1 change\./).waitFor();
    await page.getByRole('tab', { name: 'Dictation' }).click();
  });

  it('Settings edits the list of Gemini instances: a new one with its key shows "key set", and no key ever reaches the page', async () => {
    const KEY = BACKUP_KEY;
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => void (typeof f.payload === 'string' && frames.push(f.payload))));
    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByLabel('Name (instance 1)').inputValue()).toBe('default');
    await expect(page.locator('#instance-0-key-status').textContent()).resolves.toBe('key set');
    await page.getByRole('button', { name: 'Add instance' }).click();
    await page.getByLabel('Name (instance 2)').fill('backup');
    await page.getByLabel('Base URL (instance 2)').fill(sim.baseUrl);
    await page.getByLabel('Code model (instance 2)').fill('gemini-3.5-flash-lite');
    await page.getByLabel('API key (instance 2)').fill(KEY);
    await page.getByRole('button', { name: 'Save instances' }).click();
    await page.getByText('Saved 2 instances and 1 key.').waitFor();
    await expect(page.locator('#instance-1-key-status').textContent()).resolves.toBe('key set');
    await expect(page.getByLabel('API key (instance 2)').inputValue()).resolves.toBe('');
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-settings-instances.png') });
    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByLabel('Name (instance 2)').inputValue()).toBe('backup');
    await expect(page.getByLabel('Base URL (instance 2)').inputValue()).resolves.toBe(sim.baseUrl);
    await expect(page.locator('#instance-1-key-status').textContent()).resolves.toBe('key set');
    expect(frames.length).toBeGreaterThan(0);
    for (const text of [...frames, await page.content()]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(sim.apiKey);
    }
  });

  it('a blocked microphone shows what happened and what to do', async () => {
    // Chromium with a fake device but no fake prompt: headless answers the permission prompt with "Block".
    const blocking = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream'] });
    try {
      const ctx = await blocking.newContext({ viewport: { width: 1280, height: 800 } });
      await ctx.addInitScript(() => {
        localStorage.setItem('vcg.onboarded', '1');
        localStorage.setItem('vcg.privacyNoticeSeen', '1');
      });
      const p = await ctx.newPage();
      await p.goto(app.launchUrl);
      await p.getByRole('button', { name: 'Hold to talk' }).hover();
      await p.mouse.down();
      const alert = p.getByRole('alert');
      await alert.getByText('No microphone', { exact: true }).waitFor({ timeout: 20_000 });
      await p.mouse.up();
      await expect(alert.textContent()).resolves.toMatch(/not allowed to use the microphone/);
      await p.screenshot({ path: join(ARTIFACTS, 'flow-microphone-blocked.png') });
      await ctx.close();
    } finally {
      await blocking.close();
    }
  });
});
