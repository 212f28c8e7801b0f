// The cache key of a request: sha256 of what decides the answer, computed once and handed to every tier.
import { createHash } from 'node:crypto';

/**
 * Immutable and hashed once per request (Must-show 3): tiers read `id` and never hash again.
 * `id` keeps language and intent readable in front of the hash so invalidate('python:*') or
 * invalidate('*:refactor:*') can drop a slice of the cache; the transcript itself never appears.
 */
export interface CacheKey {
  readonly id: string;
  readonly hash: string;
  readonly intent: string;
  readonly language: string;
}

export interface CacheKeyInput {
  transcript: string;
  intent: string;
  language: string;
  /** Hash of the context that changes the answer (see hashContext); '' when none. */
  contextHash?: string;
  /** Hash of an edit's selection (hashContext): the same words over other code are another request. Absent: not an edit. */
  selectionHash?: string;
}

/** Case, spacing and trailing punctuation do not change a spoken request's meaning. */
export function normaliseTranscript(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/[\s.!?,;:]+$/u, '');
}

/** A label safe inside a key id and a glob pattern. */
function label(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_+#-]/g, '_') || '_';
}

export function hashContext(context: string): string {
  return createHash('sha256').update(context).digest('hex');
}

export function createCacheKey(input: CacheKeyInput): CacheKey {
  const hash = createHash('sha256')
    .update(normaliseTranscript(input.transcript))
    .update('\u0000')
    .update(input.intent)
    .update('\u0000')
    .update(input.language)
    .update('\u0000')
    .update(input.contextHash ?? '')
    // Only edits add a part, so the keys of every other request stay what they were.
    .update(input.selectionHash === undefined ? '' : `\u0000edit\u0000${input.selectionHash}`)
    .digest('hex');
  const intent = label(input.intent);
  const language = label(input.language);
  return Object.freeze({ id: `${language}:${intent}:${hash}`, hash, intent, language });
}

/** A glob (Redis MATCH / SQLite GLOB syntax: * ? [..]) as a RegExp, for the in-memory tier. */
export function globToRegExp(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        out += body.startsWith('^') ? `[^${body.slice(1)}]` : `[${body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) out += `\\${pattern[++i] as string}`;
    else out += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`${out}$`);
}
