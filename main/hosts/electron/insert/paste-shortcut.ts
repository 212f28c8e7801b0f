// Paste keystrokes as data ("ctrl+shift+v"), parsed once and rendered for each tool's syntax.
import { AppError } from '../../../core/errors.js';

export type Modifier = 'ctrl' | 'shift' | 'alt' | 'super' | 'cmd';

export interface PasteShortcut {
  modifiers: readonly Modifier[];
  /** A key name in lower case: a letter, or one of insert, enter, space. */
  key: string;
}

const MODIFIER_ALIASES: Record<string, Modifier> = {
  ctrl: 'ctrl', control: 'ctrl', shift: 'shift', alt: 'alt', option: 'alt', opt: 'alt',
  super: 'super', win: 'super', meta: 'super', logo: 'super', cmd: 'cmd', command: 'cmd',
};

const NAMED_KEYS = new Set(['insert', 'enter', 'space']);

/** Parses "ctrl+shift+v", "Shift+Insert", "cmd+v"; throws CONFIG for anything else (a typo in an override must be visible). */
export function parseShortcut(text: string): PasteShortcut {
  const parts = text.split('+').map((p) => p.trim().toLowerCase()).filter((p) => p.length > 0);
  const key = parts.pop();
  const modifiers: Modifier[] = [];
  for (const part of parts) {
    const modifier = MODIFIER_ALIASES[part];
    if (modifier === undefined) throw new AppError('CONFIG', `"${part}" in the paste shortcut "${text}" is not a modifier (use ctrl, shift, alt, super or cmd).`);
    if (!modifiers.includes(modifier)) modifiers.push(modifier);
  }
  if (key === undefined || !(/^[a-z0-9]$/.test(key) || NAMED_KEYS.has(key))) {
    throw new AppError('CONFIG', `The paste shortcut "${text}" must end with a letter, a digit or Insert.`);
  }
  return { modifiers, key };
}

export function formatShortcut(shortcut: PasteShortcut): string {
  return [...shortcut.modifiers, shortcut.key].join('+');
}

/** xdotool's keysym syntax: ctrl+shift+v, shift+Insert. */
export function toXdotool(shortcut: PasteShortcut): string {
  const key = NAMED_KEYS.has(shortcut.key) ? { insert: 'Insert', enter: 'Return', space: 'space' }[shortcut.key] ?? shortcut.key : shortcut.key;
  return [...shortcut.modifiers.map((m) => (m === 'cmd' ? 'super' : m)), key].join('+');
}

/** wtype arguments: press the modifiers, tap the key, release in reverse order. */
export function toWtypeArgs(shortcut: PasteShortcut): string[] {
  const mods = shortcut.modifiers.map((m) => (m === 'super' || m === 'cmd' ? 'logo' : m));
  const key = { insert: 'Insert', enter: 'Return', space: 'space' }[shortcut.key] ?? shortcut.key;
  return [...mods.flatMap((m) => ['-M', m]), '-k', key, ...[...mods].reverse().flatMap((m) => ['-m', m])];
}

// Linux input-event codes (linux/input-event-codes.h), which ydotool 1.x takes as code:1 (press) and code:0 (release).
const EVDEV: Record<string, number> = {
  ctrl: 29, shift: 42, alt: 56, super: 125, cmd: 125, insert: 110, enter: 28, space: 57,
  a: 30, b: 48, c: 46, d: 32, e: 18, f: 33, g: 34, h: 35, i: 23, j: 36, k: 37, l: 38, m: 50,
  n: 49, o: 24, p: 25, q: 16, r: 19, s: 31, t: 20, u: 22, v: 47, w: 17, x: 45, y: 21, z: 44,
  '1': 2, '2': 3, '3': 4, '4': 5, '5': 6, '6': 7, '7': 8, '8': 9, '9': 10, '0': 11,
};

export function toYdotoolArgs(shortcut: PasteShortcut): string[] {
  const codes = [...shortcut.modifiers, shortcut.key].map((k) => EVDEV[k] ?? 0);
  if (codes.includes(0)) throw new AppError('CONFIG', `ydotool cannot press ${formatShortcut(shortcut)}.`);
  return ['key', ...codes.map((c) => `${c}:1`), ...[...codes].reverse().map((c) => `${c}:0`)];
}

/** AppleScript's System Events form: keystroke "v" using {command down}. */
export function toAppleScript(shortcut: PasteShortcut): string {
  const using = shortcut.modifiers.map((m) => ({ cmd: 'command down', super: 'command down', ctrl: 'control down', shift: 'shift down', alt: 'option down' })[m]);
  const list = using.length > 0 ? ` using {${[...new Set(using)].join(', ')}}` : '';
  // key code 114 is the Help/Insert key on Apple keyboards; letters go through keystroke.
  const press = shortcut.key === 'insert' ? 'key code 114' : shortcut.key === 'enter' ? 'key code 36' : `keystroke "${shortcut.key === 'space' ? ' ' : shortcut.key}"`;
  return `${press}${list}`;
}

/** .NET SendKeys syntax: ^ ctrl, + shift, % alt; super cannot be sent through SendKeys. */
export function toSendKeys(shortcut: PasteShortcut): string {
  if (shortcut.modifiers.some((m) => m === 'super' || m === 'cmd')) throw new AppError('CONFIG', `Windows cannot send ${formatShortcut(shortcut)} through SendKeys.`);
  const prefix = shortcut.modifiers.map((m) => ({ ctrl: '^', shift: '+', alt: '%' })[m as 'ctrl' | 'shift' | 'alt']).join('');
  const key = { insert: '{INSERT}', enter: '{ENTER}', space: ' ' }[shortcut.key] ?? shortcut.key;
  return prefix + key;
}
