// Validates Electron accelerators for the dictation hotkey and names the key whose release ends push-to-talk.

const MODIFIERS: Record<string, string> = {
  command: 'Command', cmd: 'Command', control: 'Control', ctrl: 'Control',
  commandorcontrol: 'CommandOrControl', cmdorctrl: 'CommandOrControl',
  alt: 'Alt', option: 'Alt', altgr: 'AltGr', shift: 'Shift', super: 'Super', meta: 'Meta',
};

const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc',
  'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause', 'PrintScreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9', 'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
];
const NAMED_BY_LOWER = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const PUNCTUATION = new Set([...')!@#$%^&*(:;+=<,_->.?/~`{][|\\}"\'']);

/** Keys that are fine on their own as a global shortcut (they do not type text). */
const STANDALONE = /^(F([1-9]|1\d|2[0-4])|Media\w+|Volume\w+)$/;

export type AcceleratorCheck =
  | { ok: true; accelerator: string; key: string; modifiers: string[] }
  | { ok: false; message: string };

function canonicalKey(part: string): string | undefined {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  if (/^f([1-9]|1\d|2[0-4])$/i.test(part)) return part.toUpperCase();
  if (part.length === 1 && PUNCTUATION.has(part)) return part;
  return NAMED_BY_LOWER.get(part.toLowerCase());
}

/** Checks an accelerator the way Electron parses it, plus our own rules for a dictation hotkey. */
export function validateAccelerator(input: string): AcceleratorCheck {
  const text = input.trim();
  if (text.length === 0) return { ok: false, message: 'The dictation hotkey is empty. Choose one such as CommandOrControl+Shift+Space.' };
  // "Plus" stands for the + key because + separates the parts.
  const parts = text.split('+').map((p) => p.trim());
  if (parts.some((p) => p.length === 0)) return { ok: false, message: `"${text}" is not a valid hotkey: write the + key as "Plus" (e.g. CommandOrControl+Plus).` };
  const modifiers: string[] = [];
  let key: string | undefined;
  for (const [i, part] of parts.entries()) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier !== undefined && i < parts.length - 1) {
      if (modifiers.includes(modifier)) return { ok: false, message: `"${text}" names ${modifier} twice.` };
      modifiers.push(modifier);
      continue;
    }
    if (i !== parts.length - 1) return { ok: false, message: `"${text}" is not a valid hotkey: "${part}" is not a modifier (use Command, Control, CommandOrControl, Alt, Shift, Super), and the key comes last.` };
    if (modifier !== undefined) return { ok: false, message: `"${text}" has no key after its modifiers (e.g. ${text}+Space).` };
    key = canonicalKey(part);
    if (key === undefined) return { ok: false, message: `"${text}" is not a valid hotkey: "${part}" is not a key Electron knows (letters, digits, F1-F24, Space, arrows, punctuation...).` };
  }
  if (key === undefined) return { ok: false, message: `"${text}" has no key.` };
  if (key === 'Escape' || key === 'Esc') return { ok: false, message: 'Esc is reserved for cancelling a dictation; choose another key.' };
  if (modifiers.length === 0 && !STANDALONE.test(key)) {
    return { ok: false, message: `"${text}" would take the ${key} key from every app. Add a modifier (e.g. CommandOrControl+Shift+${key}) or use F1-F24.` };
  }
  return { ok: true, accelerator: [...modifiers, key].join('+'), key, modifiers };
}

const UIOHOOK_NAMES: Record<string, string> = {
  Space: 'Space', Tab: 'Tab', Backspace: 'Backspace', Delete: 'Delete', Insert: 'Insert', Return: 'Enter', Enter: 'Enter',
  Up: 'ArrowUp', Down: 'ArrowDown', Left: 'ArrowLeft', Right: 'ArrowRight', Home: 'Home', End: 'End', PageUp: 'PageUp', PageDown: 'PageDown',
  Capslock: 'CapsLock', Numlock: 'NumLock', Scrolllock: 'ScrollLock', PrintScreen: 'PrintScreen',
  ';': 'Semicolon', '=': 'Equal', ',': 'Comma', '-': 'Minus', '.': 'Period', '/': 'Slash', '`': 'Backquote',
  '[': 'BracketLeft', '\\': 'Backslash', ']': 'BracketRight', "'": 'Quote', Plus: 'Equal',
  num0: 'Numpad0', num1: 'Numpad1', num2: 'Numpad2', num3: 'Numpad3', num4: 'Numpad4', num5: 'Numpad5', num6: 'Numpad6',
  num7: 'Numpad7', num8: 'Numpad8', num9: 'Numpad9', numdec: 'NumpadDecimal', numadd: 'NumpadAdd', numsub: 'NumpadSubtract',
  nummult: 'NumpadMultiply', numdiv: 'NumpadDivide',
};

/** The uiohook-napi key name whose release ends push-to-talk, or undefined when it cannot be watched (media keys...). */
export function releaseKeyName(key: string): string | undefined {
  if (/^[A-Z0-9]$/.test(key) || /^F\d{1,2}$/.test(key)) return key;
  return UIOHOOK_NAMES[key];
}
