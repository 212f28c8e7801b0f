// Terminal safety and per-app overrides: what text and which keys each target gets.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { planPaste } from '../../main/hosts/electron/insert/paste-plan.js';
import { formatShortcut, parseShortcut, toAppleScript, toSendKeys, toWtypeArgs, toXdotool } from '../../main/hosts/electron/insert/paste-shortcut.js';
import { isTerminal, textForTerminal } from '../../main/hosts/electron/insert/terminal-apps.js';

const linux = { normal: parseShortcut('ctrl+v'), terminal: parseShortcut('ctrl+shift+v') };
const none = { rules: [] };

describe('recognising terminals', () => {
  it('knows common terminals by window class, process name or app name', () => {
    for (const names of [['gnome-terminal-server'], ['Alacritty'], ['kitty'], ['org.wezfurlong.wezterm'], ['wezterm-gui'], ['konsole'], ['iTerm2', 'com.googlecode.iterm2'], ['Terminal', 'com.apple.Terminal'], ['WindowsTerminal'], ['powershell.exe'], ['cmd'], ['foot'], ['URxvt']]) {
      expect(isTerminal(names), names.join()).toBe(true);
    }
  });

  it('does not mistake editors and browsers for terminals', () => {
    for (const names of [['code'], ['chromium'], ['Code', 'com.microsoft.VSCode'], ['jetbrains-idea'], ['gedit'], ['firefox'], ['kate'], ['Notepad']]) {
      expect(isTerminal(names), names.join()).toBe(false);
    }
  });

  it('takes extra terminals from settings', () => {
    expect(isTerminal(['my-term'])).toBe(false);
    expect(isTerminal(['My-Term'], ['my-term'])).toBe(true);
  });

  it('strips the trailing newline of a shell command so it waits for Enter', () => {
    expect(textForTerminal('rm -rf build && npm run build\n')).toBe('rm -rf build && npm run build');
    expect(textForTerminal('git status\r\n\n')).toBe('git status');
    expect(textForTerminal('for f in *; do\n  echo "$f"\ndone\n')).toBe('for f in *; do\n  echo "$f"\ndone');
  });
});

describe('planning a paste', () => {
  it('gives a Linux terminal the command without its newline and Ctrl+Shift+V', () => {
    const plan = planPaste({ handle: '1', names: ['kitty'] }, 'ls -la\n', none, linux);
    expect(plan).toMatchObject({ paste: true, terminal: true, text: 'ls -la' });
    expect(formatShortcut(plan.shortcut)).toBe('ctrl+shift+v');
  });

  it('gives an editor the code as generated, with Ctrl+V', () => {
    const plan = planPaste({ handle: '1', names: ['code'] }, 'const a = 1;\n', none, linux);
    expect(plan).toMatchObject({ paste: true, terminal: false, text: 'const a = 1;\n' });
    expect(formatShortcut(plan.shortcut)).toBe('ctrl+v');
  });

  it('treats an unknown target (Wayland) as possibly a terminal: no trailing newline', () => {
    expect(planPaste({ names: [] }, 'make\n', none, linux).text).toBe('make');
  });

  it("honours the user's profiles: paste off, or another shortcut", () => {
    const settings = { rules: [{ name: 'keepassxc', app: 'keepassxc', paste: 'off' as const }, { name: 'xterm', app: 'xterm', shortcut: 'shift+insert' }] };
    expect(planPaste({ names: ['KeePassXC'] }, 'x', settings, linux)).toMatchObject({ paste: false, override: 'keepassxc' });
    const xterm = planPaste({ names: ['xterm'] }, 'ls\n', settings, linux);
    expect(xterm).toMatchObject({ paste: true, terminal: true, text: 'ls', override: 'xterm' });
    expect(toXdotool(xterm.shortcut)).toBe('shift+Insert');
  });

  it('treats an app a user profile gives shell output as a terminal (the migrated output.terminalApps)', () => {
    const plan = planPaste({ handle: '1', names: ['my-term'] }, 'ls\n', { rules: [{ name: 'my-term', app: 'my-term', style: 'shell' as const }] }, linux);
    expect(plan).toMatchObject({ terminal: true, text: 'ls' });
    expect(formatShortcut(plan.shortcut)).toBe('ctrl+shift+v');
  });

  it('gives a shell answer without its newline even in an editor when the request ran as a shell command', () => {
    expect(planPaste({ handle: '1', names: ['code'] }, 'ls\n', none, linux, { style: 'shell' }).text).toBe('ls');
  });

  it('rejects a profile shortcut it cannot press, naming the profile', () => {
    const settings = { rules: [{ name: 'code', app: 'code', shortcut: 'hyper+v' }] };
    expect(() => planPaste({ names: ['code'] }, 'x', settings, linux)).toThrow(AppError);
    expect(() => planPaste({ names: ['code'] }, 'x', settings, linux)).toThrow(/code/);
  });
});

describe('paste shortcuts in each tool syntax', () => {
  it('renders one shortcut for xdotool, wtype, AppleScript and SendKeys', () => {
    const s = parseShortcut('Ctrl+Shift+V');
    expect(toXdotool(s)).toBe('ctrl+shift+v');
    expect(toWtypeArgs(s)).toEqual(['-M', 'ctrl', '-M', 'shift', '-k', 'v', '-m', 'shift', '-m', 'ctrl']);
    expect(toAppleScript(parseShortcut('cmd+v'))).toBe('keystroke "v" using {command down}');
    expect(toSendKeys(s)).toBe('^+v');
    expect(toSendKeys(parseShortcut('shift+insert'))).toBe('+{INSERT}');
  });
});
