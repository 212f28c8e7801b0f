// Whether a partial edit instruction reads as whole yet ("rename user to account", "make this async"): edits are short and name no language.
import { tokenise } from './mentions.js';
import type { RequestShape } from './request-shape.js';

/** Words an instruction cannot end on: the speaker is mid-phrase ("rename user to", "add a"). */
const DANGLING: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'that', 'which', 'to', 'for', 'in', 'of', 'with', 'from', 'by', 'on', 'at', 'into', 'and', 'or',
  'but', 'if', 'as', 'than', 'called', 'named', 'using', 'so', 'then', 'my', 'our', 'your', 'its', 'their', 'this',
  'these', 'those', 'some', 'each', 'every', 'all', 'any', 'is', 'are', 'be', 'not', 'rename', 'make', 'add', 'change', 'replace',
]);
const TAIL_CHARS = 200;

/**
 * An edit instruction is whole with two words or more ("add types") when it does not end mid-phrase. It is never
 * `closed` (nothing marks its end the way "in python" ends a request for new code): speculation waits for the longer pause.
 */
export function editRequestShape(text: string): RequestShape {
  const tokens = tokenise(text.slice(-TAIL_CHARS));
  if (tokens.length < 2) return 'incomplete';
  return DANGLING.has(tokens[tokens.length - 1] as string) ? 'incomplete' : 'open';
}
