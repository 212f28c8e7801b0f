// Decides which loaded context a request may use: clipboard text only when the request refers to it, history only for follow-ups.
import type { LoadedContext } from './ports.js';

const CLIPBOARD_REFERENCE = /\b(this|these|the (code|snippet|function|class|query|error|stack ?trace|script|test|regex)( (that )?i (just )?(copied|selected|have|pasted))?|what i copied|the selected code|selection|clipboard|copied (code|text|error)|the above)\b/i;
const FOLLOW_UP = /\b(that|it|them|those|the (previous|last) (one|answer|result)|now (add|make|write|convert|change)|also|again|instead)\b/i;

export interface SelectedContext {
  clipboard?: string;
  history: readonly { transcript: string; code: string | null }[];
  /** The included context as text, for the cache key: a different context must not reuse an answer. */
  keyMaterial: string;
}

export function refersToClipboard(transcript: string): boolean {
  return CLIPBOARD_REFERENCE.test(transcript);
}

export function isFollowUp(transcript: string): boolean {
  return FOLLOW_UP.test(transcript);
}

export function selectContext(transcript: string, loaded: LoadedContext, forceClipboard = false): SelectedContext {
  const clipboard = loaded.clipboard && (forceClipboard || refersToClipboard(transcript)) ? loaded.clipboard : undefined;
  const history = isFollowUp(transcript) ? loaded.history : [];
  const keyMaterial = [clipboard ?? '', ...history.map((h) => `${h.transcript}\n${h.code ?? ''}`)].join('\u0000');
  return { ...(clipboard ? { clipboard } : {}), history, keyMaterial };
}
