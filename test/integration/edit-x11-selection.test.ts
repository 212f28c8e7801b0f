// Edit by voice under a real X server: text selected in a Chromium textarea is edited by a spoken request and Apply
// replaces exactly the selection; the clipboard comes back; a stale PRIMARY of another window is ignored; a terminal gets a copy.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { createInserter } from '../../main/hosts/electron/insert/create-inserter.js';
import { createSelectionCapture, type SelectionSetup } from '../../main/hosts/electron/insert/create-selection-capture.js';
import { detectInsertSupport } from '../../main/hosts/electron/insert/detect-insert-support.js';
import { ExecCommandRunner } from '../../main/hosts/electron/insert/exec-command-runner.js';
import { PasteOutput } from '../../main/hosts/electron/insert/paste-output.js';
import type { PasteSettings } from '../../main/hosts/electron/insert/paste-plan.js';
import { createPathWhich } from '../../main/hosts/electron/insert/which.js';
import { XclipClipboard } from '../../main/hosts/electron/insert/xclip-clipboard.js';
import { DesktopShell } from '../../main/hosts/electron/logic/desktop-shell.js';
import type { PipelineEvent, PipelineResult } from '../../preload/contract.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { overlayOverIpc } from '../support/overlay-ipc.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';
import { startXvfb, x11Env, xvfbAvailable, type Xvfb } from '../support/xvfb.js';
import { FakeHotkeys, FakeKeyRelease, FakeNotifications, FakeWindows } from '../unit/electron-fakes.js';

const which = createPathWhich(process.env);
const missing = [
  ...(xvfbAvailable() ? [] : ['Xvfb']),
  ...['xdotool', 'xclip', 'python3', 'xterm'].filter((tool) => which(tool) === undefined),
  ...(chromiumAvailable() ? [] : ['chromium']),
  ...(speechToolsAvailable() ? [] : ['espeak-ng', 'sox']),
];
const skip = process.platform !== 'linux' || missing.length > 0;
if (skip) console.log(`edit-x11-selection: skipped, needs Linux with ${missing.join(', ') || 'X11'} (apt install xvfb xdotool xclip python3 xterm chromium espeak-ng sox)`);

const HOTKEY = 'CommandOrControl+Shift+Space';
const SPOKEN = 'rename a to first and b to second';
const BEFORE = 'function add(a, b) {\n  return a + b;\n}\n';
const DOCUMENT = `// math helpers\n${BEFORE}const keep = 1;\n`;
const ANSWER = '```javascript\nfunction add(first, second) {\n  return first + second;\n}\n```\n';

describe('edit by voice on X11, from a real selection to Apply', () => {
  let xvfb: Xvfb | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let page: import('playwright-core').Page;
  let runner: ExecCommandRunner;
  let env: Record<string, string>;
  let clipboard: XclipClipboard;
  let h: Harness;
  let audio: Uint8Array[];
  let selection: SelectionSetup;
  let output: PasteOutput;
  const terminals: ChildProcess[] = [];
  const settings: PasteSettings & { copyFullAnswer: boolean } = { mode: 'clipboard', rules: [], restoreDelayMs: 300, copyFullAnswer: false };

  beforeAll(async () => {
    if (skip) return;
    xvfb = await startXvfb();
    env = x11Env(xvfb.display);
    browser = await launchChromium({ headless: false, env });
    page = await browser.newPage();
    await page.setContent('<!doctype html><title>editor</title><textarea id="editor" rows="10" cols="80"></textarea>');
    runner = new ExecCommandRunner({ env });
    const support = detectInsertSupport('linux', env, which);
    clipboard = new XclipClipboard(runner);
    output = new PasteOutput({ inserter: createInserter(support, { runner, logger: silentLogger, env }), clipboard, logger: silentLogger, settings: () => settings });
    await output.start();
    selection = createSelectionCapture({ support, runner, which, logger: silentLogger, clipboard });
    h = await startHarness({ host: 'electron', prewarm: true });
    audio = chunks100ms(speechPcm16(SPOKEN, { toneHz: 1300 }));
  }, 60_000);

  afterAll(async () => {
    for (const t of terminals) t.kill('SIGTERM');
    await output?.dispose();
    await h?.close();
    await browser?.cleanup();
    await xvfb?.stop();
  });

  beforeEach(() => {
    if (skip) return;
    h.sim.setScripts([{ toneHz: 1300, partials: ['rename a to first ', 'and b to second'], final: SPOKEN }]);
    h.sim.setCodeAnswer(() => ANSWER);
  });

  /** The desktop shell over the real app, the real X11 paste and selection tools; the overlay is reduced to its IPC calls. */
  function desktop() {
    const windows = new FakeWindows();
    // As electron-host's EventForwarder: every app event reaches the overlay window.
    const unsubscribe = h.app.events.subscribe((event, payload) => windows.broadcast(event, payload));
    const starts: unknown[] = [];
    const overlay = overlayOverIpc(h.app, audio, { startParams: starts });
    const hotkeys = new FakeHotkeys();
    const keyRelease = new FakeKeyRelease();
    const notifications = new FakeNotifications();
    const shell = new DesktopShell({
      app: h.app, starter: overlay.bridge,
      settings: () => ({ hotkey: { accelerator: HOTKEY, mode: 'push-to-talk', editAccelerator: 'CommandOrControl+Alt+Shift+Space' }, output: settings }),
      hotkeys, keyRelease,
      clipboard: { readText: () => clipboard.readText(), writeText: (t) => clipboard.writeText(t) },
      paste: { support: { message: 'Paste uses xdotool (X11).' }, availability: { available: true, message: 'ok' }, output },
      selection, windows, notifications, logger: silentLogger, quit: () => undefined,
    });
    shell.configure();
    const results: { requestId: number; result: PipelineResult }[] = [];
    const unsubscribeResults = h.app.events.subscribe((event, payload) => {
      const p = payload as { requestId: number; event: PipelineEvent };
      if (event === 'pipeline.event' && p.event.type === 'result' && p.event.result.copied !== true) results.push({ requestId: p.requestId, result: p.event.result });
    });
    /** Hold the hotkey, speak, release; resolves once the result is delivered. */
    const dictate = async (): Promise<void> => {
      hotkeys.press(HOTKEY);
      await overlay.calls();
      keyRelease.release('Space');
      await shell.dictation.settled();
    };
    const editEvents = (): { requestId: number; event: PipelineEvent }[] =>
      windows.broadcasts.filter((b) => b.event === 'pipeline.event' && (b.payload as { event: PipelineEvent }).event.type === 'edit').map((b) => b.payload as { requestId: number; event: PipelineEvent });
    const close = (): void => {
      unsubscribe();
      unsubscribeResults();
      shell.dictation.dispose();
    };
    return { shell, windows, notifications, results, starts, dictate, editEvents, close };
  }

  /** The user selects lines 2 to 4 with the keyboard (as with a mouse, this is what sets PRIMARY) and keeps focus there. */
  async function userSelectsTheFunction(): Promise<void> {
    await page.bringToFront();
    await page.fill('#editor', DOCUMENT);
    await page.focus('#editor');
    await page.evaluate((at) => (document.querySelector('#editor') as HTMLTextAreaElement).setSelectionRange(at, at), DOCUMENT.indexOf('function'));
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
  }

  it.skipIf(skip)('a spoken edit replaces exactly the selection, the clipboard comes back, and the overlay got the edit event', async () => {
    await clipboard.writeText('what the user had copied');
    await userSelectsTheFunction();
    const d = desktop();
    try {
      await d.dictate();
      // The selection joined the overlay's dictation.start, with the app it is in.
      expect(d.starts).toEqual([{ edit: { selection: BEFORE, app: expect.any(String) as string } }]);
      const { requestId, result } = d.results[0] ?? { requestId: 0, result: undefined };
      expect(result?.transcript).toBe(SPOKEN);
      expect(result?.edit).toMatchObject({ before: BEFORE, after: expect.stringContaining('return first + second;') as string });
      expect(d.editEvents()).toEqual([{ requestId, event: expect.objectContaining({ type: 'edit', before: BEFORE, lines: 3 }) as PipelineEvent }]);
      // An edit waits for Apply: nothing was pasted or copied yet.
      expect(await page.inputValue('#editor')).toBe(DOCUMENT);
      expect(await clipboard.readText()).toBe('what the user had copied');

      const applied = await d.shell.edits.apply(requestId);
      expect(applied, applied.message).toMatchObject({ ok: true, applied: true });
      const after = result?.edit?.after ?? '';
      await expect.poll(() => page.inputValue('#editor'), { timeout: 5_000 }).toBe(`// math helpers\n${after}const keep = 1;\n`);
      expect(await applied.restore).toBe('restored');
      expect(await clipboard.readText()).toBe('what the user had copied');
    } finally {
      d.close();
    }
  });

  it.skipIf(skip)('a PRIMARY selection left by another window is not used: the dictation writes new code', async () => {
    await page.bringToFront();
    await page.fill('#editor', DOCUMENT);
    await page.focus('#editor');
    // Another X client (xclip, as a terminal or a browser would) owns PRIMARY; the focused textarea has no selection.
    await runner.run('xclip', ['-selection', 'primary', '-i'], { input: 'stale text from another window', detached: true });
    expect(await selection.capture.capture()).toMatchObject({ kind: 'none' });
    const d = desktop();
    try {
      await d.dictate();
      expect(d.starts).toEqual([{}]);
      expect(d.editEvents()).toEqual([]);
      expect(d.results[0]?.result.edit).toBeUndefined();
    } finally {
      d.close();
    }
  });

  it.skipIf(skip)('with a terminal target the edit is copied, not pasted, without a trailing newline', async () => {
    const title = `terminal-${process.pid}`;
    const xterm = spawn('xterm', ['-T', title, '-geometry', '80x10+0+0', '-e', 'sh', '-c', `printf 'git commit -m wip\\n'; sleep 120`], { env, stdio: 'ignore' });
    terminals.push(xterm);
    let id = '';
    await expect.poll(async () => (id = (await runner.run('xdotool', ['search', '--onlyvisible', '--name', title])).stdout.trim().split('\n')[0] ?? ''), { timeout: 10_000 }).toMatch(/^\d+$/);
    // A triple click selects the line in xterm, which then owns PRIMARY. On a loaded machine the clicks can land
    // further apart than xterm's multi-click time, or before it has drawn the line: click again until it holds.
    await expect
      .poll(
        async () => {
          await runner.run('xdotool', ['windowfocus', '--sync', id]);
          await runner.run('xdotool', ['mousemove', '--window', id, '20', '8', 'click', '--repeat', '3', '--delay', '60', '1']);
          return (await selection.capture.capture()).kind;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe('selected');
    await clipboard.writeText('clipboard before');
    const d = desktop();
    try {
      await d.dictate();
      const { requestId, result } = d.results[0] ?? { requestId: 0, result: undefined };
      expect(d.starts).toEqual([{ edit: { selection: expect.stringContaining('git commit -m wip') as string, app: expect.stringMatching(/xterm/i) as string } }]);
      expect(result?.edit).toBeDefined();
      const applied = await d.shell.edits.apply(requestId);
      expect(applied).toMatchObject({ ok: true, applied: false, copied: true });
      expect(applied.message).toMatch(/terminal/);
      const copied = await clipboard.readText();
      expect(copied).toBe((result?.edit?.after ?? '').replace(/\s+$/, ''));
      expect(copied.endsWith('\n')).toBe(false);
    } finally {
      d.close();
    }
  });
});
