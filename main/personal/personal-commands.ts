// Recognises the personal commands locally ("insert my debug template", "add kubectl to my dictionary") and expands snippet placeholders.

/** A personal command is a short phrase: longer transcripts are requests, and are never scanned for one. */
const MAX_COMMAND_CHARS = 200;
export const MAX_SNIPPET_NAME_CHARS = 80;
export const MAX_SNIPPET_BODY_CHARS = 16_000;

/** Lower-case words joined by one space: how snippet names and spoken commands are compared. */
export function commandKey(text: string): string {
  return Array.from(text.toLowerCase().matchAll(/[\p{L}\p{M}\p{N}_]+(?:'[\p{L}\p{M}\p{N}_]+)*/gu), (m) => m[0]).join(' ');
}

const SNIPPET_TRIGGER = /^(?:please )?(?:insert|paste|expand|type|use)(?: (?:my|the|a))?(?: snippet)? (.+)$/;
const ADD_TO_DICTIONARY = /^\s*(?:please\s+)?add\s+(?:the\s+word\s+)?(.+?)\s+to\s+(?:my|the)\s+(?:personal\s+)?(?:dictionary|vocabulary|word\s+list)[\s.!]*$/i;

/**
 * The snippet a transcript asks for, by name (its commandKey), or undefined. "insert my debug template", "expand the
 * license header snippet", "paste snippet debug template". `has` says whether a name exists.
 */
export function snippetRequest(transcript: string, has: (nameKey: string) => boolean): string | undefined {
  if (transcript.length > MAX_COMMAND_CHARS) return undefined;
  const key = commandKey(transcript);
  const m = SNIPPET_TRIGGER.exec(key);
  if (!m) return undefined;
  const name = m[1] as string;
  if (has(name)) return name;
  // "insert the debug template snippet": the word snippet may close the phrase instead.
  if (name.endsWith(' snippet') && has(name.slice(0, -' snippet'.length))) return name.slice(0, -' snippet'.length);
  return undefined;
}

/** "add kubectl to my dictionary": the words to add as heard (shown for the user to correct), or undefined. */
export function dictionaryAddRequest(transcript: string): string | undefined {
  if (transcript.length > MAX_COMMAND_CHARS) return undefined;
  const m = ADD_TO_DICTIONARY.exec(transcript);
  if (!m) return undefined;
  // Quotes or a final period around the word are transcription punctuation, not part of it.
  const term = (m[1] as string).trim().replace(/^["'“‘]+|["'”’.,]+$/g, '').trim();
  return term === '' ? undefined : term;
}

export interface PlaceholderValues {
  clipboard?: string;
  selection?: string;
  /** The local date, YYYY-MM-DD. */
  date: string;
}

/**
 * Expands {{clipboard}}, {{selection}} and {{date}} in one pass (a missing value expands to nothing); any other
 * {{...}} is left as written. The expansion is not scanned again, so clipboard text holding "{{date}}" stays literal.
 */
export function expandPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(/\{\{\s*(clipboard|selection|date)\s*\}\}/g, (_all, name: string) => (name === 'date' ? values.date : name === 'clipboard' ? values.clipboard ?? '' : values.selection ?? ''));
}

/** Which placeholders a snippet's body uses (the clipboard is read only for one that needs it). */
export function usesPlaceholder(body: string, name: 'clipboard' | 'selection' | 'date'): boolean {
  return new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(body);
}

export function localDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
