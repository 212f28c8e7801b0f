// Scripted transcripts: picked by identifying tone, spelt with custom vocabulary, split into increments.
import type { TranscriptScript } from './types.js';

export const DEFAULT_TRANSCRIPT: TranscriptScript = { final: 'write a function that adds two numbers' };

/** "fetchUserById" / "fetch_user_by_id" -> "fetch user by id": how a listener spells an unknown identifier. */
export function spokenForm(term: string): string {
  return term
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .toLowerCase()
    .trim();
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

function looksLikeIdentifier(word: string): boolean {
  return /[a-z][A-Z]|_/.test(word) || /^[A-Z][a-z]+[A-Z]/.test(word);
}

/**
 * Spells identifiers in a scripted text the way the model would: as written when the term was in
 * the custom vocabulary sent in setup, as spoken words otherwise. This keeps the vocabulary path
 * testable without pretending to recognise speech.
 */
export function applyVocabulary(text: string, vocabulary: ReadonlySet<string>): string {
  return text.replace(IDENTIFIER, (word) => (looksLikeIdentifier(word) && !vocabulary.has(word) ? spokenForm(word) : word));
}

/** The script whose tone opened the audio, else the default. */
export function pickScript(scripts: readonly TranscriptScript[], fallback: TranscriptScript, toneHz: number | null): TranscriptScript {
  if (toneHz === null) return fallback;
  return scripts.find((s) => s.toneHz === toneHz) ?? fallback;
}

/** One transcription message the simulator will send, in order. */
export interface TranscriptStep {
  /** Appended to the committed transcript (serverContent.inputTranscription.text). */
  committed: string;
  /** The unstable tail of the hypothesis (serverContent.interimInputTranscription.text), replacing the previous one. */
  interim: string;
}

/**
 * Plans the messages of one turn. Increments are append-only on the wire, so while the
 * hypothesis agrees with the final it is committed word by word; a part that the final later
 * revises ("function" in "write a function" -> "write a class") is sent as interim text only,
 * and the last committed increment after activityEnd carries the rest of the final.
 */
export function planTranscript(script: TranscriptScript, vocabulary: ReadonlySet<string>): { steps: TranscriptStep[]; last: string; final: string } {
  const final = applyVocabulary(script.final, vocabulary);
  const partials = (script.partials ?? defaultIncrements(script.final)).map((p) => applyVocabulary(p, vocabulary));
  const steps: TranscriptStep[] = [];
  let committed = '';
  let hypothesis = '';
  for (const partial of partials) {
    hypothesis += partial;
    const stable = commonWordPrefix(hypothesis, final);
    const add = stable.length > committed.length ? stable.slice(committed.length) : '';
    committed += add;
    steps.push({ committed: add, interim: hypothesis.length > committed.length ? hypothesis.slice(committed.length) : '' });
  }
  // Hold back at least the final word for after activityEnd, like a real endpointer.
  const keep = Math.max(0, final.lastIndexOf(' ', final.length - 2) + 1);
  for (let i = steps.length - 1; i >= 0 && committed.length > keep; i--) {
    const step = steps[i] as TranscriptStep;
    const drop = Math.min(step.committed.length, committed.length - keep);
    step.interim = step.committed.slice(step.committed.length - drop) + step.interim;
    step.committed = step.committed.slice(0, step.committed.length - drop);
    committed = committed.slice(0, committed.length - drop);
  }
  return { steps: steps.filter((s) => s.committed !== '' || s.interim !== ''), last: final.slice(committed.length), final };
}

/** Two or three words per increment, with the spaces kept so that the increments concatenate. */
function defaultIncrements(text: string): string[] {
  const words = text.split(/(?<= )/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 2) out.push(words.slice(i, i + 2).join(''));
  return out;
}

/** The longest prefix of `a` that is also a prefix of `b` and ends at a word boundary of both. */
function commonWordPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && (i === b.length || b[i] === ' ')) return a.slice(0, i);
  const cut = a.lastIndexOf(' ', i - 1);
  return cut < 0 ? '' : a.slice(0, cut + 1);
}
