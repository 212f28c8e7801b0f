// The recogniser's vocabulary: intent names and slots (contract: the CLI, tests and preload/contract.ts use the same names).
import type { LanguageId } from '../config/schema.js';

// Intent names and tray quick commands are part of the IPC contract: one list, defined there.
export { INTENT_NAMES, QUICK_COMMANDS, type IntentName, type QuickCommand } from '../../preload/contract.js';
import { INTENT_NAMES, type IntentName } from '../../preload/contract.js';

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
