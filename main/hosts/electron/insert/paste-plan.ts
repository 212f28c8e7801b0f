// Decides, for one target, whether to paste, with which keys, and what text (terminal safety and per-app overrides).
import { AppError } from '../../../core/errors.js';
import type { InsertTarget } from './inserter.js';
import { parseShortcut, type PasteShortcut } from './paste-shortcut.js';
import { isTerminal, matchesApp, textForTerminal } from './terminal-apps.js';
import { sanitiseForTerminal } from './terminal-text.js';

/** One user override, matched like the terminal list against the target's class, process or app name. */
export interface AppOverride {
  app: string;
  /** false: never paste into this app (the result stays on the clipboard). */
  paste: boolean;
  /** Another paste shortcut for this app ("shift+insert"). */
  shortcut?: string;
}

/** The part of settings.output that paste reads; settings.output satisfies it. */
export interface PasteSettings {
  mode: 'clipboard' | 'paste' | 'both';
  terminalApps: readonly string[];
  appOverrides: readonly AppOverride[];
  restoreDelayMs: number;
}

export interface PastePlan {
  paste: boolean;
  shortcut: PasteShortcut;
  terminal: boolean;
  /** The text to put on the clipboard and paste. */
  text: string;
  /** The override that applied, by its app entry. */
  override?: string;
  /** Escape sequences and control characters removed from the text (terminals and unknown targets only). */
  removedControls: number;
}

export function planPaste(
  target: InsertTarget | undefined,
  text: string,
  settings: Pick<PasteSettings, 'terminalApps' | 'appOverrides'>,
  shortcuts: { normal: PasteShortcut; terminal: PasteShortcut },
): PastePlan {
  const names = target?.names ?? [];
  const terminal = isTerminal(names, settings.terminalApps);
  // The first override whose app matches wins, so a user can put a specific entry before a general one.
  const override = settings.appOverrides.find((o) => matchesApp(names, [o.app]) !== undefined);
  let shortcut = terminal ? shortcuts.terminal : shortcuts.normal;
  if (override?.shortcut !== undefined) {
    try {
      shortcut = parseShortcut(override.shortcut);
    } catch (error) {
      throw new AppError('CONFIG', `The paste override for ${override.app} has a bad shortcut: ${(error as Error).message}`, { cause: error });
    }
  }
  // An unknown target (Wayland) could be a terminal: a trailing newline costs an editor nothing, a shell a command;
  // escape sequences and control characters are removed for the same reason (an editor gets the text as generated).
  const forTerminal = terminal || names.length === 0;
  const cleaned = forTerminal ? sanitiseForTerminal(text) : { text, removed: 0 };
  return {
    paste: override?.paste ?? true,
    shortcut,
    terminal,
    text: forTerminal ? textForTerminal(cleaned.text) : text,
    ...(override ? { override: override.app } : {}),
    removedControls: cleaned.removed,
  };
}
