// Decides which loaded context a request may use: clipboard text only when the request refers to it, history only for follow-ups.
import { contextReferences } from '../intent/context-references.js';
import type { LoadedContext } from './ports.js';

export interface SelectedContext {
  clipboard?: string;
  history: readonly { transcript: string; code: string | null }[];
  /** The included context as text, for the cache key: a different context must not reuse an answer. */
  keyMaterial: string;
}

export function selectContext(transcript: string, loaded: LoadedContext, forceClipboard = false): SelectedContext {
  const refs = contextReferences(transcript);
  const clipboard = loaded.clipboard && (forceClipboard || refs.clipboard) ? loaded.clipboard : undefined;
  // "a function that reverses ..." is not a follow-up; "now add tests for that" is.
  const history = refs.history ? loaded.history : [];
  const keyMaterial = [clipboard ?? '', ...history.map((h) => `${h.transcript}\n${h.code ?? ''}`)].join('\u0000');
  return { ...(clipboard ? { clipboard } : {}), history, keyMaterial };
}
