// Issue 23, must-show 1 under Xvfb: the focused window at hotkey down picks the profile. An xterm gets a shell command pasted
// with no newline; a window titled "app.py - proj - Visual Studio Code" gets Python for a request that names no language.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileForFocus } from '../../main/app/app-profiles.js';
import { silentLogger } from '../../main/core/logger.js';
import type { ClipboardAccess } from '../../main/hosts/electron/insert/clipboard-access.js';
import { createClipboardAccess, createInserter } from '../../main/hosts/electron/insert/create-inserter.js';
import { detectInsertSupport } from '../../main/hosts/electron/insert/detect-insert-support.js';
import { ExecCommandRunner } from '../../main/hosts/electron/insert/exec-command-runner.js';
import { focusContextOf } from '../../main/hosts/electron/insert/focus-context.js';
import { PasteOutput } from '../../main/hosts/electron/insert/paste-output.js';
import { createPathWhich } from '../../main/hosts/electron/insert/which.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { startXvfb, x11Env, xvfbAvailable, type Xvfb } from '../support/xvfb.js';

const which = createPathWhich(process.env);
const missing = [
  ...(xvfbAvailable() ? [] : ['Xvfb']),
  ...['xdotool', 'xclip', 'xterm'].filter((tool) => which(tool) === undefined),
  ...(chromiumAvailable() ? [] : ['chromium']),
];
const skip = process.platform !== 'linux' || missing.length > 0;
if (skip) console.log(`focus-profiles-x11: skipped, needs Linux with ${missing.join(', ') || 'X11'} (scripts/install-test-deps.sh installs them)`);

describe('the app in focus at hotkey down picks the profile (X11)', () => {
  let xvfb: Xvfb | undefined;
  let harness: Harness | undefined;
  let env: Record<string, string>;
  let runner: ExecCommandRunner;
  let clipboard: ClipboardAccess;
  let output: PasteOutput;
  let dir: string;

  beforeAll(async () => {
    if (skip) return;
    xvfb = await startXvfb();
    env = x11Env(xvfb.display);
    dir = mkdtempSync(join(tmpdir(), 'vcg-focus-'));
    runner = new ExecCommandRunner({ env });
    const support = detectInsertSupport('linux', env, which);
    const inserter = createInserter(support, { runner, logger: silentLogger, env });
    const access = createClipboardAccess(support, runner);
    if (!access) throw new Error('xclip was found but no clipboard access was built');
    clipboard = access;
    harness = await startHarness();
    const app = harness.app;
    output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: () => ({ mode: 'paste', rules: app.settings.profiles.rules, restoreDelayMs: 300 }) });
    expect(await output.start()).toMatchObject({ available: true });
  }, 60_000);

  afterAll(async () => {
    await output?.dispose();
    await harness?.close();
    await xvfb?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The window whose class is `klass`, once it is mapped; then the user clicks into it (X input focus on it). */
  async function focusWindow(klass: string): Promise<string> {
    const found = await runner.run('xdotool', ['search', '--sync', '--onlyvisible', '--class', klass], { timeoutMs: 15_000 });
    const id = found.stdout.trim().split('\n').at(-1) ?? '';
    expect(id).toMatch(/^\d+$/);
    const focused = await runner.run('xdotool', ['windowfocus', '--sync', id], { timeoutMs: 5_000 });
    expect(focused.exitCode).toBe(0);
    return id;
  }

  it.skipIf(skip)('pastes a shell command into a focused xterm with no trailing newline, and it does not run', async () => {
    const app = (harness as Harness).app;
    const received = join(dir, 'received');
    // The terminal's program reads raw bytes (no line discipline) and keeps them: a newline would show as CR at the end.
    // xterm binds no key to the CLIPBOARD selection by default; users who paste with Ctrl+Shift+V bind it like this.
    const xterm: ChildProcess = spawn('xterm', [
      '-xrm', 'XTerm*VT100.translations: #override Ctrl Shift <Key>V: insert-selection(CLIPBOARD)',
      '-e', 'sh', '-c', `stty raw -echo; exec cat > '${received}'`,
    ], { env, stdio: 'ignore' });
    try {
      await focusWindow('xterm');
      const target = await output.captureTarget();
      const focus = focusContextOf(target);
      expect(focus.names.map((n) => n.toLowerCase())).toContain('xterm');
      const profile = profileForFocus(focus, app.settings, 'bash');
      expect(profile).toMatchObject({ id: 'builtin:terminal', label: 'Terminal: shell command', style: 'shell', language: 'bash' });

      const result = await app.runText({ text: 'list the files in this folder', profile, noCache: true }, () => undefined);
      expect(result.language).toBe('bash');
      const outcome = await output.paste(`${result.code}\n`, target);
      expect(outcome).toMatchObject({ pasted: true, terminal: true });
      expect(outcome.text).not.toMatch(/[\r\n]$/);
      // xterm sends a pasted line end as CR, as the Enter key does.
      const expected = outcome.text.replace(/\n/g, '\r');
      await expect.poll(() => readFileSync(received, 'latin1'), { timeout: 10_000 }).toBe(expected);
      expect(readFileSync(received, 'latin1')).not.toMatch(/[\r\n]$/);
    } finally {
      xterm.kill('SIGTERM');
    }
  }, 60_000);

  it.skipIf(skip)('gives a request that names no language Python in a window titled "app.py - proj - Visual Studio Code"', async () => {
    const app = (harness as Harness).app;
    const browser = await launchChromium({ headless: false, env });
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><title>editor</title><textarea id="editor" rows="10" cols="80"></textarea>');
      await page.bringToFront();
      await page.focus('#editor');
      // VS Code is a Chromium window with this title (its documented default window.title); the class says which app.
      const id = await focusWindow('chromium');
      const windowName = async (): Promise<string> => (await runner.run('xdotool', ['getwindowname', id], { timeoutMs: 5_000 })).stdout.trim();
      // Chromium sets its window's name from the page title a little later: rename only after it has, or Chromium's
      // own update can land after ours (CI saw "editor - Chromium").
      await expect.poll(windowName, { timeout: 10_000 }).toBe('editor - Chromium');
      await runner.run('xdotool', ['set_window', '--name', 'app.py - proj - Visual Studio Code', '--class', 'Code', '--classname', 'code', id], { timeoutMs: 5_000 });
      await expect.poll(windowName, { timeout: 10_000 }).toBe('app.py - proj - Visual Studio Code');
      await page.focus('#editor');

      const target = await output.captureTarget();
      const focus = focusContextOf(target);
      expect(focus.title).toBe('app.py - proj - Visual Studio Code');
      const profile = profileForFocus(focus, app.settings);
      expect(profile).toMatchObject({ id: 'builtin:editor', style: 'code', language: 'python' });
      // The title stays local unless the user allows sending it.
      expect(profile.windowTitle).toBeUndefined();

      const result = await app.runText({ text: 'write a function that reverses a string', profile, noCache: true }, () => undefined);
      expect(result.language).toBe('python');
      expect(result.code).toMatch(/\bdef \w+\(/);
      const outcome = await output.paste(result.code, target);
      expect(outcome).toMatchObject({ pasted: true, terminal: false });
      await expect.poll(() => page.inputValue('#editor'), { timeout: 10_000 }).toContain('def ');

      // The same words with no profile get the default language: the profile, not the request, chose Python.
      const plain = await app.runText({ text: 'write a function that reverses a string', noCache: true }, () => undefined);
      expect(plain.language).toBe(app.settings.language.default);
    } finally {
      await browser.cleanup();
    }
  }, 60_000);
});
