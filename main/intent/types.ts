// The recogniser's vocabulary: intent names and slots (contract: the CLI, tests and preload/contract.ts use the same names).
import type { LanguageId } from '../config/schema.js';

/** Same list and order as INTENT_NAMES in preload/contract.ts (a unit test keeps them equal); intent may not import preload. */
export const INTENT_NAMES = [
  'generate_function', 'generate_class', 'generate_test', 'generate_regex', 'generate_sql', 'generate_shell',
  'explain', 'refactor', 'fix_error', 'convert_language', 'add_types', 'document', 'generic',
] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

/** Tray quick commands; each one is an intent that acts on the clipboard's code. */
export const QUICK_COMMANDS = ['explain', 'add_types', 'generate_test', 'fix_error', 'convert_language', 'document'] as const;
export type QuickCommand = (typeof QUICK_COMMANDS)[number];

/** Slot values are canonical lowercase ids (languages: LANGUAGE_IDS; frameworks: ids of languages.ts). */
export interface IntentSlots {
  language?: LanguageId;
  name?: string;
  framework?: string;
  target_language?: LanguageId;
}

/**
 * Where the intent came from: the local recogniser, the model assist, a fallback to `generic`
 * (below the threshold with no usable assist answer), or a tray quick command.
 */
export type IntentSource = 'local' | 'assist' | 'fallback' | 'quick';

export interface IntentResult {
  intent: IntentName;
  slots: IntentSlots;
  /** In [0, 1]: how sure the recogniser is of `intent` (not calibrated probability; thresholds are tuned on the fixtures). */
  confidence: number;
  source: IntentSource;
}

export interface RecogniseOptions {
  /** Settings' default language (a LanguageId or a spoken alias; unknown values are ignored). */
  defaultLanguage?: string;
  /** Code from the clipboard, when the context loader attached it: its language fills the language slot. */
  clipboardCode?: string;
  /** Identifiers the user is likely to say (vocabulary): spoken forms map to them. */
  knownIdentifiers?: readonly string[];
}

export function isIntentName(value: unknown): value is IntentName {
  return typeof value === 'string' && (INTENT_NAMES as readonly string[]).includes(value);
}
