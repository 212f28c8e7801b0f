// Each platform's paste path through a fake CommandRunner: the commands macOS, Windows, Wayland and X11 would run, and what the user is told when they fail.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import { createInserter } from '../../main/hosts/electron/insert/create-inserter.js';
import { detectInsertSupport } from '../../main/hosts/electron/insert/detect-insert-support.js';
import { MacosInserter } from '../../main/hosts/electron/insert/macos-inserter.js';
import { WaylandInserter } from '../../main/hosts/electron/insert/wayland-inserter.js';
import { WindowsInserter } from '../../main/hosts/electron/insert/windows-inserter.js';
import { XdotoolInserter } from '../../main/hosts/electron/insert/xdotool-inserter.js';
import { XclipClipboard } from '../../main/hosts/electron/insert/xclip-clipboard.js';
import { ElectronClipboardAccess } from '../../main/hosts/electron/insert/electron-clipboard-access.js';
import { parseShortcut } from '../../main/hosts/electron/insert/paste-shortcut.js';
import { FakeRunner } from '../support/fake-runner.js';

const notInstalled = (file: string): AppError => new AppError('UNAVAILABLE', `${file} is not installed.`, { details: { reason: 'no-tool' } });
const ctrlV = parseShortcut('ctrl+v');

describe('macOS paste through osascript', () => {
  it('remembers the frontmost app and brings it back before pressing Cmd+V', async () => {
    const runner = new FakeRunner((_file, args) => (args.join(' ').includes('frontmost') ? { stdout: 'com.microsoft.VSCode\tCode\tapp.py — proj — Visual Studio Code\n' } : {}));
    const mac = new MacosInserter({ runner, logger: silentLogger, isAccessibilityTrusted: () => true });
    const target = await mac.captureTarget();
    expect(target).toEqual({ handle: 'com.microsoft.VSCode', names: ['Code', 'com.microsoft.VSCode'], app: 'Code', windowClass: 'com.microsoft.VSCode', title: 'app.py — proj — Visual Studio Code' });
    await mac.insert(target, 'code', { shortcut: mac.shortcuts.normal });
    const script = runner.calls[1]?.args.join(' ');
    expect(runner.calls[1]?.file).toBe('osascript');
    expect(script).toContain('tell application id "com.microsoft.VSCode" to activate');
    expect(script).toContain('tell application "System Events" to keystroke "v" using {command down}');
  });

  it('tells the user where to grant Accessibility when it is not granted', async () => {
    const denied = new MacosInserter({ runner: new FakeRunner(), logger: silentLogger, isAccessibilityTrusted: () => false });
    const availability = await denied.detect();
    expect(availability).toMatchObject({ available: false, reason: 'no-permission' });
    expect(availability.message).toContain('System Settings → Privacy & Security → Accessibility');
  });

  it('asks System Events when the shell gives no permission check', async () => {
    const runner = new FakeRunner(() => ({ stdout: 'false\n' }));
    const availability = await new MacosInserter({ runner, logger: silentLogger }).detect();
    expect(availability.reason).toBe('no-permission');
    expect(runner.commandLines()[0]).toContain('UI elements enabled');
  });

  it('turns "not allowed to send keystrokes" into the Accessibility instructions', async () => {
    const runner = new FakeRunner(() => ({ exitCode: 1, stderr: '36:80: execution error: System Events got an error: osascript is not allowed to send keystrokes. (1002)\n' }));
    const mac = new MacosInserter({ runner, logger: silentLogger, isAccessibilityTrusted: () => true });
    const error = await mac.insert({ handle: 'com.apple.Terminal', names: ['Terminal'] }, 'ls', { shortcut: mac.shortcuts.terminal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.reason).toBe('no-permission');
    expect((error as AppError).message).toContain('Privacy & Security → Accessibility');
  });

  it('points to the Automation setting when System Events may not be controlled', async () => {
    const runner = new FakeRunner(() => ({ exitCode: 1, stderr: 'execution error: Not authorized to send Apple events to System Events. (-1743)\n' }));
    const mac = new MacosInserter({ runner, logger: silentLogger, isAccessibilityTrusted: () => true });
    await expect(mac.insert(undefined, 'x', { shortcut: mac.shortcuts.normal })).rejects.toThrow(/Privacy & Security → Automation/);
  });
});

describe('Windows paste through PowerShell', () => {
  it('remembers the foreground window and its process, then focuses it and sends Ctrl+V', async () => {
    const runner = new FakeRunner((_file, args) => (args.join(' ').includes('GetForegroundWindow();') && !args.join(' ').includes('SendWait') ? { stdout: '132456\tCode\tapp.py - proj - Visual Studio Code\r\n' } : {}));
    const win = new WindowsInserter({ runner, logger: silentLogger, powershell: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' });
    const target = await win.captureTarget();
    expect(target).toEqual({ handle: '132456', names: ['Code'], app: 'Code', title: 'app.py - proj - Visual Studio Code' });
    await win.insert(target, 'code', { shortcut: win.shortcuts.normal });
    const paste = runner.calls[1];
    expect(paste?.file).toContain('powershell.exe');
    expect(paste?.args.slice(0, 2)).toEqual(['-NoProfile', '-NonInteractive']);
    const script = paste?.args.at(-1) ?? '';
    expect(script).toContain('SetForegroundWindow([IntPtr]132456)');
    expect(script).toContain("SendWait('^v')");
  });

  it('pastes into consoles with Shift+Insert', async () => {
    const runner = new FakeRunner();
    const win = new WindowsInserter({ runner, logger: silentLogger, powershell: 'powershell.exe' });
    await win.insert({ handle: '7', names: ['WindowsTerminal'] }, 'dir', { shortcut: win.shortcuts.terminal });
    expect(runner.calls[0]?.args.at(-1)).toContain("SendWait('+{INSERT}')");
  });

  it('says the window has closed when it is gone by the time the result arrives', async () => {
    const win = new WindowsInserter({ runner: new FakeRunner(() => ({ exitCode: 3, stderr: 'target window closed' })), logger: silentLogger, powershell: 'powershell.exe' });
    const error = (await win.insert({ handle: '7', names: [] }, 'x', { shortcut: ctrlV }).catch((e: unknown) => e)) as AppError;
    expect(error.details?.reason).toBe('no-target');
    expect(error.message).toContain('has closed');
  });
});

describe('Wayland paste', () => {
  it('presses Ctrl+V with wtype when it is installed', async () => {
    const runner = new FakeRunner();
    const wayland = new WaylandInserter({ runner, tool: 'wtype' });
    expect(await wayland.detect()).toMatchObject({ available: true, tool: 'wtype' });
    await wayland.insert(await wayland.captureTarget(), 'code', { shortcut: wayland.shortcuts.normal });
    expect(runner.commandLines()).toEqual(['wtype -M ctrl -k v -m ctrl']);
  });

  it('presses Ctrl+Shift+V for terminals with ydotool key codes', async () => {
    const runner = new FakeRunner();
    const wayland = new WaylandInserter({ runner, tool: 'ydotool' });
    await wayland.insert(undefined, 'ls', { shortcut: wayland.shortcuts.terminal });
    expect(runner.commandLines()).toEqual(['ydotool key 29:1 42:1 47:1 47:0 42:0 29:0']);
  });

  it('without wtype or ydotool says paste is off and how to get it, and runs nothing', async () => {
    const runner = new FakeRunner();
    const wayland = new WaylandInserter({ runner, tool: null });
    const availability = await wayland.detect();
    expect(availability).toMatchObject({ available: false, reason: 'no-tool' });
    expect(availability.message).toMatch(/wtype.*ydotool/);
    await expect(wayland.insert(undefined, 'x', { shortcut: ctrlV })).rejects.toMatchObject({ details: { reason: 'no-tool' } });
    expect(runner.calls).toHaveLength(0);
  });

  it('explains that GNOME lacks the virtual keyboard wtype needs', async () => {
    const wayland = new WaylandInserter({ runner: new FakeRunner(() => ({ exitCode: 1, stderr: 'Compositor does not support the virtual keyboard protocol\n' })), tool: 'wtype' });
    await expect(wayland.insert(undefined, 'x', { shortcut: ctrlV })).rejects.toMatchObject({ details: { reason: 'no-compositor-support' } });
  });
});

describe('X11 paste through xdotool', () => {
  const terminalRunner = (): FakeRunner =>
    new FakeRunner((file, args) => {
      const line = [file, ...args].join(' ');
      if (line === 'xdotool getwindowfocus') return { stdout: '62914571\n' };
      if (line.startsWith('xdotool getwindowname')) return { stdout: 'user@host: ~\n' };
      if (line.startsWith('xdotool getwindowpid')) return { stdout: '4242\n' };
      if (line.startsWith('xdotool getwindowclassname')) return { exitCode: 1, stderr: 'xdotool: Unknown command: getwindowclassname' };
      if (line.startsWith('ps ')) return { stdout: '/usr/libexec/gnome-terminal-server --app-id org.gnome.Terminal\n' };
      if (line.startsWith('xdotool windowactivate')) return { exitCode: 1, stderr: 'Your windowmanager claims not to support _NET_ACTIVE_WINDOW' };
      return {};
    });

  it('finds the focused window by getwindowfocus and names it by its process when the class is unavailable', async () => {
    const x11 = new XdotoolInserter({ runner: terminalRunner(), logger: silentLogger, display: ':0' });
    expect(await x11.captureTarget()).toEqual({ handle: '62914571', names: ['gnome-terminal-server'], title: 'user@host: ~', app: 'gnome-terminal-server' });
  });

  it('focuses the window (windowfocus without a window manager) and sends the keys to it', async () => {
    const runner = terminalRunner();
    const x11 = new XdotoolInserter({ runner, logger: silentLogger, display: ':0' });
    await x11.insert({ handle: '62914571', names: [] }, 'ls', { shortcut: x11.shortcuts.terminal });
    expect(runner.commandLines()).toEqual([
      'xdotool windowactivate --sync 62914571',
      'xdotool windowfocus --sync 62914571',
      'xdotool key --clearmodifiers --window 62914571 ctrl+shift+v',
    ]);
  });

  it('writes the clipboard with a detached xclip so its selection server is not awaited', async () => {
    const runner = new FakeRunner();
    await new XclipClipboard(runner).writeText('a\nb');
    expect(runner.calls[0]).toMatchObject({ file: 'xclip', args: ['-selection', 'clipboard', '-i', '-t', 'UTF8_STRING'], options: { detached: true } });
    expect(String(runner.calls[0]?.options.input)).toBe('a\nb');
  });

  it('saves a copied image when the clipboard holds no text, and puts it back', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const runner = new FakeRunner((_f, args) => (args.includes('TARGETS') ? { stdout: 'TARGETS\nimage/png\n' } : args.includes('image/png') && args.includes('-o') ? { stdoutBytes: png } : {}));
    const clipboard = new XclipClipboard(runner);
    const snapshot = await clipboard.save();
    expect(snapshot).toEqual({ text: '', formats: [{ type: 'image/png', data: png }] });
    await clipboard.restore(snapshot);
    expect(runner.calls.at(-1)).toMatchObject({ args: ['-selection', 'clipboard', '-i', '-t', 'image/png'], options: { input: png } });
  });

  it('reports a missing xdotool with the command that installs it', async () => {
    const x11 = new XdotoolInserter({ runner: new FakeRunner((file) => notInstalled(file)), logger: silentLogger, display: ':0' });
    const availability = await x11.detect();
    expect(availability).toMatchObject({ available: false, reason: 'no-tool' });
    expect(availability.message).toContain('apt install xdotool');
  });
});

describe('detecting the paste path at start', () => {
  const on = (...tools: string[]) => (name: string): string | undefined => (tools.includes(name) ? `/usr/bin/${name}` : undefined);

  it('picks the tool each platform needs', () => {
    expect(detectInsertSupport('linux', { DISPLAY: ':0' }, on('xdotool', 'xclip'))).toMatchObject({ platform: 'x11', keystrokeTool: 'xdotool', xclipPath: '/usr/bin/xclip', canPaste: true });
    expect(detectInsertSupport('linux', { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }, on('xdotool', 'ydotool'))).toMatchObject({ platform: 'wayland', keystrokeTool: 'ydotool' });
    expect(detectInsertSupport('darwin', {}, on('osascript'))).toMatchObject({ platform: 'macos', keystrokeTool: 'osascript', canPaste: true });
    expect(detectInsertSupport('win32', {}, on('powershell'))).toMatchObject({ platform: 'windows', keystrokeTool: 'powershell', toolPath: '/usr/bin/powershell' });
  });

  it('says what is missing instead of failing, and the inserter built from it never pastes', async () => {
    const support = detectInsertSupport('linux', { XDG_SESSION_TYPE: 'wayland' }, on());
    expect(support).toMatchObject({ platform: 'wayland', keystrokeTool: null, canPaste: false });
    expect(support.message).toContain('wtype');
    const inserter = createInserter(support, { runner: new FakeRunner(), logger: silentLogger, env: {} });
    expect(await inserter.detect()).toMatchObject({ available: false, reason: 'no-tool' });
    await expect(inserter.insert(undefined, 'x', { shortcut: ctrlV })).rejects.toBeInstanceOf(AppError);
    expect(detectInsertSupport('linux', {}, on('xdotool')).message).toContain('No graphical session');
    expect(detectInsertSupport('aix', {}, on()).platform).toBe('unsupported');
  });
});

describe("the Electron shell's clipboard", () => {
  it('saves and restores HTML and an image beside the text when the clipboard offers them (awaiting the async clipboard)', async () => {
    type Entry = { type: string; data: Buffer };
    const state: { text: string; formats: Entry[] } = { text: 'Hello', formats: [{ type: 'text/html', data: Buffer.from('<b>Hello</b>') }, { type: 'image/png', data: Buffer.from([137, 80, 78, 71]) }] };
    // Like Electron 45's clipboard, every call settles later, not synchronously.
    const later = <T>(value: T): Promise<T> => new Promise((resolve) => setImmediate(() => resolve(value)));
    const electronLike = {
      readText: () => later(state.text),
      writeText: (text: string) => later(void Object.assign(state, { text, formats: [] })),
      readFormats: () => later(state.formats.map((f) => ({ ...f }))),
      writeFormats: (text: string, formats: readonly Entry[]) => later(void Object.assign(state, { text, formats: [...formats] })),
    };
    const access = new ElectronClipboardAccess(electronLike);
    const snapshot = await access.save();
    await access.writeText('code');
    expect(state).toEqual({ text: 'code', formats: [] });
    expect(await access.readText()).toBe('code');
    await access.restore(snapshot);
    expect(state.text).toBe('Hello');
    expect(state.formats.map((f) => [f.type, f.data.toString('hex')])).toEqual([['text/html', Buffer.from('<b>Hello</b>').toString('hex')], ['image/png', '89504e47']]);
  });

  it("works with a text-only ClipboardService too", async () => {
    let text = 'before';
    const access = new ElectronClipboardAccess({ readText: () => Promise.resolve(text), writeText: (t: string) => Promise.resolve(void (text = t)) });
    const snapshot = await access.save();
    await access.writeText('code');
    await access.restore(snapshot);
    expect(text).toBe('before');
  });
});
