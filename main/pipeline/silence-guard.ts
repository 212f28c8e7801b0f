// No code from silence: audio with too little voice never reaches transcription or generation, and a known
// near-silence hallucination ("Thank you.") heard in little voiced audio is dropped. Both end in NO_SPEECH.
import { AppError } from '../core/errors.js';

/** Less voice than this in a whole utterance is no request (a single short word takes about 300 ms). */
export const MIN_VOICED_MS = 300;
/**
 * A phantom phrase is dropped only when the audio held less voice than this: transcription models answer
 * silence, breathing or a cough with these phrases, never a real request.
 */
export const PHANTOM_MAX_VOICED_MS = 1_500;

/**
 * What speech-to-text models are known to "hear" in silence and near-silence (the captions of their training data),
 * compared after lower-casing and dropping punctuation.
 */
const PHANTOM_PHRASES: ReadonlySet<string> = new Set([
  '', 'you', 'thank you', 'thank you very much', 'thanks', 'thanks for watching', 'thank you for watching',
  'thanks for watching and see you next time', 'please subscribe', 'subscribe', 'bye', 'bye bye', 'okay', 'ok', 'so',
  'uh', 'um', 'hmm', 'mm', 'music', 'silence', 'applause',
]);

/** Longest transcript worth comparing: every phrase above is shorter. */
const PHANTOM_MAX_CHARS = 64;

/** How the audio came in: the advice differs (hold longer, press again, the file itself). */
export type SpeechInput = 'push-to-talk' | 'toggle' | 'button' | 'file';

/** True for a transcript that is one of the known near-silence phrases ("Thank you.", "you", "."). */
export function isPhantomTranscript(text: string): boolean {
  if (text.length > PHANTOM_MAX_CHARS) return false;
  const words = text.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, ' ').replace(/'/g, '').trim().split(/\s+/).filter(Boolean).join(' ');
  return PHANTOM_PHRASES.has(words);
}

const ADVICE: Record<SpeechInput, string> = {
  'push-to-talk': 'Hold the hotkey while you speak and release it after your last word; check the microphone level meter moves when you talk.',
  toggle: 'Press the hotkey, speak, then press it again when you are done; check the microphone level meter moves when you talk.',
  button: 'Hold the button (or Space on it) while you speak, and check the microphone level meter moves when you talk.',
  file: 'The recording holds no speech that could be heard: check it is the right file and that the voice in it is loud enough, or use --text "...".',
};

/** The error for an utterance without speech: "Didn't catch that", advice for the way it was recorded, voice measured. */
export function noSpeechError(input: SpeechInput, voicedMs: number, phantom?: string): AppError {
  const heard = phantom === undefined ? `${(voicedMs / 1000).toFixed(1)} s of voice` : `only "${phantom.slice(0, PHANTOM_MAX_CHARS)}" in ${(voicedMs / 1000).toFixed(1)} s of voice`;
  return new AppError('NO_SPEECH', `Didn't catch that: no speech was heard (${heard}), so nothing was generated. ${ADVICE[input]}`, {
    retryable: true,
    details: { voicedMs, input, ...(phantom === undefined ? {} : { phantom: phantom.slice(0, PHANTOM_MAX_CHARS) }) },
  });
}

/** Throws NO_SPEECH when there is too little voice to send on. */
export function assertVoiced(input: SpeechInput, voicedMs: number): void {
  if (voicedMs < MIN_VOICED_MS) throw noSpeechError(input, voicedMs);
}

/** Throws NO_SPEECH when the transcript is a phantom phrase heard in little voice (or empty). */
export function assertNotPhantom(input: SpeechInput, transcript: string, voicedMs: number): void {
  if (voicedMs < PHANTOM_MAX_VOICED_MS && isPhantomTranscript(transcript)) throw noSpeechError(input, voicedMs, transcript.trim());
}
