// Edit views in real Chromium against the real web host with a scripted backend: the overlay's edit states and buttons,
// the main window's diff, and the browser editor pane (inline diff, apply, undo, discard); axe and screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditTarget, PipelineEvent } from '../../preload/contract.js';
import { ApiRouter, type MethodHandlers } from '../../main/app/api-router.js';
import { AppEvents } from '../../main/app/app-events.js';
import { silentLogger } from '../../main/core/logger.js';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';
import { chromiumSkipReason, launchChromium } from '../support/browser.js';
import { describeViolations, findLayoutProblems, runAxe } from '../support/axe.js';

const ROOT = process.cwd();
const ARTIFACTS = join(ROOT, 'test/e2e/artifacts');
const skip = chromiumSkipReason();
if (skip) console.warn(`edit-views e2e skipped: ${skip}`);

const BEFORE = 'def move(car):\n    car.x += 1\n    return car\n';
const AFTER = 'def move(car, max_speed):\n    car.x += min(1, max_speed)\n    return car\n';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Answers every edit with AFTER (streamed in chunks, held at half while `gate` is set), as the pipeline reports an edit. */
class EditBackend {
  readonly events = new AppEvents();
  readonly calls: Array<{ method: string; params: Record<string, unknown> }> = [];
  host: 'web' | 'electron' = 'web';
  /** The desktop shell's captured selection (the overlay's case); the editor pane sends its own. */
  captured: EditTarget | null = null;
  applyAnswer = { ok: true };
  gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private nextId = 1;
  private readonly cancelled = new Set<number>();

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }
  release(): void {
    this.openGate?.();
    this.gate = null;
  }
  private emit(requestId: number, event: PipelineEvent): void {
    this.events.emit('pipeline.event', { requestId, event });
  }

  private async answer(requestId: number, text: string, edit: EditTarget | undefined): Promise<void> {
    const target = edit ?? this.captured ?? undefined;
    if (target) this.emit(requestId, { type: 'edit', before: target.selection, lines: target.selection.replace(/\n$/, '').split('\n').length, ...(target.app ? { app: target.app } : {}) });
    this.emit(requestId, { type: 'transcript.final', text });
    const after = target ? AFTER : 'print("hi")\n';
    const pieces = `\`\`\`python\n${after}\`\`\`\n`.match(/[\s\S]{1,12}/g) ?? [];
    for (let i = 0; i < pieces.length; i++) {
      if (i === Math.floor(pieces.length / 2) && this.gate) await this.gate;
      if (this.cancelled.has(requestId)) return;
      this.emit(requestId, { type: 'code.chunk', text: pieces[i] as string });
      await sleep(10);
    }
    this.emit(requestId, {
      type: 'result',
      result: { code: after, language: 'python', answer: after, intent: 'refactor', transcript: text, complete: true, finishReason: 'STOP', cached: null, historyId: null, timings: { total: 900 }, ...(target ? { edit: { before: target.selection, after, ...(target.app ? { app: target.app } : {}) } } : {}) },
    });
  }

  readonly handlers = {
    'app.info': () => ({ host: this.host, version: '0.1.0', simulated: true, hasApiKey: true, hotkey: 'CommandOrControl+Shift+Space', hotkeyMode: 'push-to-talk' }),
    'settings.get': () => ({ hotkey: { mode: 'push-to-talk' }, privacy: { noticeAccepted: true } }),
    'settings.update': () => ({}),
    'request.text': ({ text, edit }: { text: string; edit?: EditTarget }) => {
      const requestId = this.nextId++;
      setTimeout(() => void this.answer(requestId, text, edit), 10);
      return { requestId };
    },
    'request.cancel': ({ requestId }: { requestId: number }) => {
      this.cancelled.add(requestId);
      return { ok: true };
    },
    'result.action': () => this.applyAnswer,
    'clipboard.copy': () => ({ ok: true }),
  };
}

describe.skipIf(skip !== undefined)('edit views (scripted backend)', () => {
  let backend: EditBackend;
  let host: WebHost;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  const open = async (query: string, size: { width: number; height: number }): Promise<Page> => {
    const page = await context.newPage();
    await page.setViewportSize(size);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
    await page.goto(`${host.url}?${query}${query ? '&' : ''}token=${host.token}`);
    return page;
  };
  const accessible = async (page: Page, what: string): Promise<void> => {
    const v = await runAxe(page, 'serious');
    expect(v, `${what}:\n${describeViolations(v)}`).toEqual([]);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    backend = new EditBackend();
    const recorded = Object.fromEntries(
      Object.entries(backend.handlers).map(([name, fn]) => [name, (params: Record<string, unknown>) => (backend.calls.push({ method: name, params }), (fn as (p: unknown) => unknown)(params))]),
    );
    // The methods these views do not call answer with the router's own error.
    host = await startWebHost({ router: new ApiRouter(recorded as unknown as MethodHandlers), events: backend.events, onAudio: () => undefined, rendererDir: join(ROOT, 'dist/renderer'), port: 0, logger: silentLogger, token: 'edit-views-token' });
    browser = await launchChromium();
    context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    await context.addInitScript(() => {
      localStorage.setItem('vcg.onboarded', '1');
      localStorage.setItem('vcg.privacyNoticeSeen', '1');
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.cleanup();
    await host?.close().catch(() => undefined);
    expect(pageErrors).toEqual([]);
  });

  it('overlay: "Editing 3 lines in gedit" while writing, the diff streaming, then Apply asks the shell to apply', async () => {
    backend.host = 'electron';
    backend.captured = { selection: BEFORE, app: 'gedit' };
    backend.hold();
    try {
      const page = await open('view=overlay', { width: 560, height: 360 });
      await page.locator('.hud').waitFor();
      await page.getByLabel('Type a request').fill('add a parameter max speed');
      await page.getByLabel('Type a request').press('Enter');
      await expect.poll(() => page.locator('.hud-status').textContent()).toBe('Editing 3 lines in gedit…');
      await page.locator('.diff-row').first().waitFor();
      // Mid-stream: Apply and Copy wait for the whole answer, Discard is there.
      await expect(page.getByRole('button', { name: 'Apply' }).isDisabled()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Discard' }).isEnabled()).resolves.toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'edit-overlay-writing.png') });
      backend.release();
      await expect.poll(() => page.locator('.hud-status').textContent()).toMatch(/^Edit of 3 lines in gedit ready/);
      const diff = page.getByRole('figure', { name: 'Changes to 3 lines' });
      await expect(diff.locator('.diff-add').count()).resolves.toBe(2);
      await expect(diff.locator('.diff-del').count()).resolves.toBe(2);
      await expect(diff.locator('ins.diff-word').allTextContents()).resolves.toContain(', max_speed');
      // Not colour alone: a sign per row and words for screen readers.
      await expect(diff.locator('.diff-add .diff-sign').first().textContent()).resolves.toBe('+');
      await expect(diff.locator('.diff-del .sr-only').first().textContent()).resolves.toBe('removed: ');
      await accessible(page, 'overlay edit done');
      await expect(findLayoutProblems(page)).resolves.toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'edit-overlay-done.png') });
      await page.getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(AFTER);
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => backend.calls.filter((c) => c.method === 'result.action').map((c) => c.params.action)).toEqual(['apply']);
      await page.getByLabel('Type a request').waitFor();
      await page.close();
    } finally {
      backend.release();
      backend.host = 'web';
      backend.captured = null;
    }
  });

  it('overlay in browser mode: no Apply; Discard tells the shell and clears', async () => {
    backend.captured = { selection: BEFORE };
    try {
      const page = await open('view=overlay', { width: 560, height: 360 });
      await page.getByLabel('Type a request').fill('rename car to vehicle');
      await page.getByLabel('Type a request').press('Enter');
      await expect.poll(() => page.locator('.hud-status').textContent()).toMatch(/^Edit of 3 lines ready/);
      await expect(page.getByRole('button', { name: 'Apply' }).count()).resolves.toBe(0);
      const before = backend.calls.filter((c) => c.method === 'result.action').length;
      await page.getByRole('button', { name: 'Discard' }).click();
      await page.getByLabel('Type a request').waitFor();
      expect(backend.calls.filter((c) => c.method === 'result.action').slice(before).map((c) => c.params.action)).toEqual(['dismiss']);
      await page.close();
    } finally {
      backend.captured = null;
    }
  });

  it('editor pane: loads on demand; a typed edit of the selection shows inline, applies in one step, Ctrl+Z restores; discard leaves the text', async () => {
    const page = await open('', { width: 1280, height: 800 });
    await page.getByRole('heading', { name: 'Voice CodeGen', exact: true }).waitFor();
    const scriptsBefore = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /CodeEditor/.test(n)).length);
    expect(scriptsBefore, 'CodeMirror is loaded before the pane opens').toBe(0);
    await page.getByRole('button', { name: 'Open the editor' }).click();
    const editor = page.getByRole('textbox', { name: 'Code to edit' });
    await editor.waitFor();
    await editor.click();
    await page.keyboard.insertText(`# tools\n${BEFORE}`);
    // Select the function (lines 2-4) by keyboard.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+Control+End');
    await expect.poll(() => page.locator('#editor-status').textContent()).toBe('3 lines selected: hold to talk or type what to change.');
    await page.getByLabel('Or type a request').fill('add a parameter max speed');
    await page.getByLabel('Or type a request').press('Enter');
    const inline = page.locator('.cm-edit-diff:not(.is-streaming)');
    await inline.waitFor();
    await expect(inline.getAttribute('aria-label')).resolves.toBe('Proposed edit: 2 lines added, 2 lines removed');
    const sent = backend.calls.filter((c) => c.method === 'request.text').at(-1)?.params;
    expect(sent?.edit).toEqual({ selection: BEFORE, language: 'python' });
    await accessible(page, 'editor with an inline diff');
    await page.screenshot({ path: join(ARTIFACTS, 'edit-editor-diff.png') });
    await page.getByRole('button', { name: 'Apply edit' }).click();
    await expect.poll(() => editor.textContent()).toBe(`# tools${AFTER.replace(/\n/g, '')}`);
    await expect(page.locator('.cm-edit-diff').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'edit-editor-applied.png') });
    await page.keyboard.press('Control+z');
    await expect.poll(() => editor.textContent()).toBe(`# tools${BEFORE.replace(/\n/g, '')}`);
    // Again, then Esc discards: the text stays.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+Control+End');
    await page.getByLabel('Or type a request').fill('add a parameter max speed');
    await page.getByLabel('Or type a request').press('Enter');
    await inline.waitFor();
    await editor.focus();
    await page.keyboard.press('Escape');
    await expect(page.locator('.cm-edit-diff').count()).resolves.toBe(0);
    await expect(editor.textContent()).resolves.toBe(`# tools${BEFORE.replace(/\n/g, '')}`);
    await expect(page.locator('#editor-status').textContent()).resolves.toMatch(/^Edit discarded/);
    await page.close();
  });
});
