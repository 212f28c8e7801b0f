// Decides, for one target, whether to paste, with which keys, and what text (terminal safety and the app's profile).
import { AppError } from '../../../core/errors.js';
import { resolveProfile, type AppliedProfile, type ProfileRule } from '../../../profiles/profiles.js';
import { focusContextOf } from './focus-context.js';
import type { InsertTarget } from './inserter.js';
import { parseShortcut, type PasteShortcut } from './paste-shortcut.js';
import { isTerminal, textForTerminal } from './terminal-apps.js';
import { sanitiseForTerminal } from './terminal-text.js';

/** What paste reads from settings: settings.output with the user's profile rules (settings.profiles.rules). */
export interface PasteSettings {
  mode: 'clipboard' | 'paste' | 'both';
  /** The user's profiles: a rule's paste 'off' and shortcut apply to the apps it matches; style 'shell' marks a terminal. */
  rules: readonly ProfileRule[];
  restoreDelayMs: number;
}

export interface PastePlan {
  paste: boolean;
  shortcut: PasteShortcut;
  terminal: boolean;
  /** The text to put on the clipboard and paste. */
  text: string;
  /** The user's profile that applied, by its name. */
  override?: string;
  /** Escape sequences and control characters removed from the text (terminals and unknown targets only). */
  removedControls: number;
}

/**
 * `requested`: the profile the request ran with (the overlay may have switched it); a shell answer loses its trailing
 * newline wherever it goes. The keys and the paste rule come from the target window's own profile.
 */
export function planPaste(
  target: InsertTarget | undefined,
  text: string,
  settings: Pick<PasteSettings, 'rules'>,
  shortcuts: { normal: PasteShortcut; terminal: PasteShortcut },
  requested?: Pick<AppliedProfile, 'style'>,
): PastePlan {
  const names = target?.names ?? [];
  const own = target === undefined ? undefined : resolveProfile(focusContextOf(target), { rules: settings.rules });
  const user = own?.id.startsWith('user:') ? own : undefined;
  const userRule = user ? settings.rules[Number(user.id.slice('user:'.length))] : undefined;
  const terminal = isTerminal(names) || userRule?.style === 'shell';
  let shortcut = terminal ? shortcuts.terminal : shortcuts.normal;
  if (user?.shortcut !== undefined) {
    try {
      shortcut = parseShortcut(user.shortcut);
    } catch (error) {
      throw new AppError('CONFIG', `The profile "${userRule?.name ?? user.label}" has a bad paste shortcut: ${(error as Error).message}`, { cause: error });
    }
  }
  // An unknown target (Wayland) could be a terminal: a trailing newline costs an editor nothing, a shell a command;
  // escape sequences and control characters are removed for the same reason (an editor gets the text as generated).
  const forTerminal = terminal || names.length === 0 || requested?.style === 'shell';
  const cleaned = forTerminal ? sanitiseForTerminal(text) : { text, removed: 0 };
  return {
    paste: user?.paste ?? true,
    shortcut,
    terminal,
    text: forTerminal ? textForTerminal(cleaned.text) : text,
    ...(userRule ? { override: userRule.name } : {}),
    removedControls: cleaned.removed,
  };
}
