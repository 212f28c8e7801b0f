// Paste under a real X server: Xvfb, xdotool and xclip put a multi-line answer into a focused Chromium textarea and give the user's clipboard back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { AppError } from '../../main/core/errors.js';
import type { ClipboardAccess } from '../../main/hosts/electron/insert/clipboard-access.js';
import { createClipboardAccess, createInserter } from '../../main/hosts/electron/insert/create-inserter.js';
import { detectInsertSupport } from '../../main/hosts/electron/insert/detect-insert-support.js';
import { ExecCommandRunner } from '../../main/hosts/electron/insert/exec-command-runner.js';
import type { Inserter } from '../../main/hosts/electron/insert/inserter.js';
import type { PasteSettings } from '../../main/hosts/electron/insert/paste-plan.js';
import { PasteOutput } from '../../main/hosts/electron/insert/paste-output.js';
import { createPathWhich } from '../../main/hosts/electron/insert/which.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { startXvfb, x11Env, xvfbAvailable, type Xvfb } from '../support/xvfb.js';

const which = createPathWhich(process.env);
const missing = [
  ...(xvfbAvailable() ? [] : ['Xvfb']),
  ...['xdotool', 'xclip'].filter((tool) => which(tool) === undefined),
  ...(chromiumAvailable() ? [] : ['chromium']),
];
const skip = process.platform !== 'linux' || missing.length > 0;
if (skip) console.log(`insert-x11-paste: skipped, needs Linux with ${missing.join(', ') || 'X11'} (apt install xvfb xdotool xclip chromium)`);

const CODE = ['function add(a: number, b: number): number {', '  // keeps its indentation', '  return a + b;', '}', ''].join('\n');
const settings: PasteSettings = { mode: 'paste', rules: [], restoreDelayMs: 300 };

describe('pasting into the app that had focus, on X11', () => {
  let xvfb: Xvfb | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let page: import('playwright-core').Page;
  let inserter: Inserter;
  let clipboard: ClipboardAccess;
  let runner: ExecCommandRunner;

  beforeAll(async () => {
    if (skip) return;
    xvfb = await startXvfb();
    const env = x11Env(xvfb.display);
    browser = await launchChromium({ headless: false, env });
    page = await browser.newPage();
    await page.setContent('<!doctype html><title>editor</title><textarea id="editor" rows="10" cols="80"></textarea>');
    runner = new ExecCommandRunner({ env });
    const support = detectInsertSupport('linux', env, which);
    inserter = createInserter(support, { runner, logger: silentLogger, env });
    const access = createClipboardAccess(support, runner);
    if (!access) throw new Error('xclip was found but no clipboard access was built');
    clipboard = access;
  });

  afterAll(async () => {
    await browser?.cleanup();
    await xvfb?.stop();
  });

  /** The user clicks into the editor, then holds the hotkey: the editor has focus at hotkey down. */
  async function userFocusesEditor(): Promise<void> {
    await page.fill('#editor', '');
    await page.bringToFront();
    await page.focus('#editor');
  }

  it.skipIf(skip)('puts a multi-line answer into the focused textarea and then gives the clipboard back', async () => {
    await clipboard.writeText('what the user had copied');
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: () => settings });
    expect(await output.start()).toMatchObject({ available: true, tool: 'xdotool' });
    await userFocusesEditor();

    const target = await output.captureTarget();
    expect(target?.handle).toMatch(/^\d+$/);
    const outcome = await output.paste(CODE, target);

    expect(outcome).toMatchObject({ pasted: true, copied: true, terminal: false, text: CODE });
    await expect.poll(() => page.inputValue('#editor')).toBe(CODE);
    expect(await outcome.restore).toBe('restored');
    expect(await clipboard.readText()).toBe('what the user had copied');
    await output.dispose();
  });

  it.skipIf(skip)('puts a copied image back after pasting, since the clipboard held no text', async () => {
    // A tiny PNG as another app would own it; xclip serves it under its MIME type.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e3c5a90000000049454e44ae426082', 'hex');
    await runner.run('xclip', ['-selection', 'clipboard', '-i', '-t', 'image/png'], { input: png, detached: true });
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: () => settings });
    await userFocusesEditor();

    const outcome = await output.paste('const image = true;', await output.captureTarget());
    await expect.poll(() => page.inputValue('#editor')).toBe('const image = true;');
    expect(await outcome.restore).toBe('restored');
    const back = await runner.run('xclip', ['-selection', 'clipboard', '-o', '-t', 'image/png']);
    expect(back.stdoutBytes.equals(png)).toBe(true);
    await output.dispose();
  });

  it.skipIf(skip)('leaves alone a copy the user made while the target was still reading', async () => {
    await clipboard.writeText('older clipboard');
    let open: () => void = () => undefined;
    const delay = new Promise<void>((resolve) => {
      open = resolve;
    });
    // The restore delay ends when the test says so: the user's copy lands inside it however slow the machine is.
    const wait = (_ms: number, signal: AbortSignal): Promise<void> =>
      new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'cancelled')), { once: true });
        void delay.then(resolve);
      });
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: () => settings, wait });
    await userFocusesEditor();

    const outcome = await output.paste(CODE, await output.captureTarget());
    await expect.poll(() => page.inputValue('#editor')).toBe(CODE);
    await clipboard.writeText('the user copied this meanwhile');
    open();

    expect(await outcome.restore).toBe('kept-newer-copy');
    expect(await clipboard.readText()).toBe('the user copied this meanwhile');
    await output.dispose();
  });
});
