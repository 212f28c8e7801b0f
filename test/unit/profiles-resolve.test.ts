// Which profile a window gets: user rules first (globs in linear time), then terminal, editor, chat, default; and the settings migration.
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../main/config/load.js';
import { globMatch } from '../../main/profiles/glob.js';
import { resolveProfile, type FocusContext } from '../../main/profiles/profiles.js';

const focus = (names: string[], title?: string): FocusContext => ({ available: true, names, ...(title ? { title } : {}) });

describe('profile patterns', () => {
  it('matches plain substrings and *-globs case-insensitively', () => {
    expect(globMatch('chatgpt', 'ChatGPT - Mozilla Firefox')).toBe(true);
    expect(globMatch('*.py - * - visual studio code', 'app.py - proj - Visual Studio Code')).toBe(true);
    expect(globMatch('*.py - *', 'app.ts - proj')).toBe(false);
    expect(globMatch('a*b*a', 'aba')).toBe(true);
    expect(globMatch('a*b*a', 'ab')).toBe(false);
    expect(globMatch('ab*ba', 'aba')).toBe(false);
  });

  it('matches a hostile pattern against a hostile subject without backtracking', () => {
    const pattern = `${'a*'.repeat(99)}b`;
    const subject = 'a'.repeat(100_000);
    expect(globMatch(pattern, subject)).toBe(false);
  });
});

describe('resolving a profile', () => {
  it('gives a terminal shell output in the user shell', () => {
    expect(resolveProfile(focus(['XTerm', 'xterm'], 'user@host: ~'), { rules: [] })).toMatchObject({ id: 'builtin:terminal', label: 'Terminal: shell command', style: 'shell', language: 'bash' });
    expect(resolveProfile(focus(['WindowsTerminal']), { rules: [], shell: 'pwsh' }).language).toBe('powershell');
  });

  it('gives Vim in a terminal the language of its file, not shell output', () => {
    expect(resolveProfile(focus(['xterm'], 'app.py (~/proj) - VIM'), { rules: [] })).toMatchObject({ id: 'builtin:editor', style: 'code', language: 'python' });
  });

  it("gives an editor its file's language", () => {
    expect(resolveProfile(focus(['code'], 'app.py - proj - Visual Studio Code'), { rules: [] })).toMatchObject({ id: 'builtin:editor', language: 'python', file: 'app.py' });
  });

  it('gives chat apps and chat tabs in a browser markdown', () => {
    expect(resolveProfile(focus(['Slack']), { rules: [] }).style).toBe('markdown');
    expect(resolveProfile(focus(['firefox'], 'ChatGPT — Mozilla Firefox'), { rules: [] }).style).toBe('markdown');
    expect(resolveProfile(focus(['chromium'], 'Claude - Chromium'), { rules: [] }).label).toBe('Chat: markdown');
    expect(resolveProfile(focus(['firefox'], 'MDN Web Docs — Mozilla Firefox'), { rules: [] }).id).toBe('builtin:default');
  });

  it('lets a user rule win and refine the built-in one', () => {
    const rules = [{ name: 'Notebook', app: 'code', title: '*.ipynb*', language: 'python' as const, prompt: 'Write one notebook cell.' }];
    const p = resolveProfile(focus(['code'], 'nb.ipynb - proj - Visual Studio Code'), { rules });
    expect(p).toMatchObject({ id: 'user:0', label: 'Notebook: code (python)', language: 'python', promptLine: 'Write one notebook cell.' });
  });

  it('knows nothing on Wayland: the default profile', () => {
    expect(resolveProfile({ available: false, names: [] }, { rules: [{ name: 'x', title: 'a' }] }).id).toBe('builtin:default');
  });
});

describe('settings migration to profiles', () => {
  it('keeps what users set in output.terminalApps and output.appOverrides as profile rules', () => {
    const settings = parseSettings({
      output: { mode: 'paste', terminalApps: ['my-term', 'xterm'], appOverrides: [{ app: 'keepassxc', paste: false }, { app: 'xterm', paste: true, shortcut: 'shift+insert' }] },
    });
    expect(settings.output.mode).toBe('paste');
    expect(settings.output).not.toHaveProperty('terminalApps');
    expect(settings.output).not.toHaveProperty('appOverrides');
    expect(settings.profiles.rules).toEqual([
      { name: 'keepassxc', app: 'keepassxc', paste: 'off' },
      { name: 'xterm', app: 'xterm', shortcut: 'shift+insert', style: 'shell' },
      { name: 'my-term', app: 'my-term', style: 'shell' },
    ]);
    expect(settings.profiles.sendWindowTitle).toBe(false);
  });

  it('keeps rules already there first, and refuses a hostile list instead of cutting it silently', () => {
    const settings = parseSettings({ profiles: { rules: [{ name: 'Mine', app: 'foo' }] }, output: { terminalApps: Array.from({ length: 200 }, (_, i) => `t${i}`) } });
    expect(settings.profiles.rules).toHaveLength(201);
    expect(settings.profiles.rules[0]).toEqual({ name: 'Mine', app: 'foo' });
    expect(() => parseSettings({ output: { terminalApps: Array.from({ length: 70_000 }, (_, i) => `t${i}`) } })).toThrow(/profiles\.rules/);
  });

  it('refuses a rule with no pattern and an over-long pattern', () => {
    expect(() => parseSettings({ profiles: { rules: [{ name: 'x' }] } })).toThrow(/profiles\.rules\.0/);
    expect(() => parseSettings({ profiles: { rules: [{ name: 'x', app: 'a'.repeat(201) }] } })).toThrow(/profiles\.rules\.0\.app/);
  });
});
