// Whether a partial transcript reads as a whole request yet: speculation spends a generation prompt on it only then.
import { canonicalLanguage } from './languages.js';
import { tokenise } from './mentions.js';

/**
 * - `incomplete`: the speaker is mid-phrase (it ends on "a", "that", "for", "in"..., or a relative clause has only
 *   its verb: "a function that reverses"), or it is too short to be a request: never worth a speculative prompt.
 * - `closed`: it ends by naming the target language ("... in python", "... using go"), the usual last words of a
 *   spoken coding request: worth speculating as soon as the speaker pauses.
 * - `open`: it could be whole, but a tail ("in java", "as iso") often follows: worth it only after a longer pause.
 */
export type RequestShape = 'incomplete' | 'open' | 'closed';

const DANGLING: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'that', 'which', 'who', 'whose', 'where', 'when', 'to', 'for', 'in', 'of', 'with', 'from', 'by',
  'on', 'at', 'into', 'onto', 'and', 'or', 'but', 'if', 'as', 'than', 'called', 'named', 'using', 'so', 'then',
  'my', 'our', 'your', 'its', 'their', 'this', 'these', 'those', 'some', 'each', 'every', 'all', 'any', 'two',
  'three', 'four', 'five', 'ten', 'is', 'are', 'be', 'not', 'it', 'them', 'up', 'out', 'about', 'between',
]);
const CLAUSE_OPENERS: ReadonlySet<string> = new Set(['that', 'which', 'who', 'to']);
/** Words that introduce the target language at the end of a request. */
const LANGUAGE_LEADS: ReadonlySet<string> = new Set(['in', 'using', 'with', 'for']);
const MIN_WORDS = 4;
/** Only the end of the text matters: look at a bounded tail so long dictation stays cheap. */
const TAIL_CHARS = 200;

export function requestShape(text: string): RequestShape {
  const tokens = tokenise(text.slice(-TAIL_CHARS));
  if (tokens.length < MIN_WORDS && text.length <= TAIL_CHARS) return 'incomplete';
  const last = tokens[tokens.length - 1] as string;
  const before = tokens[tokens.length - 2] as string;
  if (DANGLING.has(last)) return 'incomplete';
  // "a function that reverses": the clause has its verb but not yet its object.
  if (CLAUSE_OPENERS.has(before)) return 'incomplete';
  if (canonicalLanguage(last) !== undefined && LANGUAGE_LEADS.has(before)) return 'closed';
  return 'open';
}
