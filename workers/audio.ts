// Piscina task module for the audio work the app sends off the main thread: a recorded WAV prepared for upload, an utterance encoded as Ogg Opus.
// Results come back as { ok, value | error } so AppError codes survive the thread hop (thrown errors lose them),
// and their ArrayBuffers are transferred, not copied.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { encodePcm16, prepareWav } from '../main/audio/audio-tasks.js';
import type { EncodedAudio, PreparedAudio, TaskOutcome } from '../main/audio/audio-tasks.js';
import type { OggOpusOptions } from '../main/audio/ogg-opus.js';
import { toAppError } from '../main/core/errors.js';

/** Piscina's transferable protocol: the value is posted with `buffers` in the transfer list. */
class Moved<T> {
  constructor(private readonly value: TaskOutcome<T>, private readonly buffers: ArrayBuffer[]) {}
  get [transferableSymbol](): ArrayBuffer[] {
    return this.buffers;
  }
  get [valueSymbol](): TaskOutcome<T> {
    return this.value;
  }
}

function attempt<T>(work: () => T, buffers: (value: T) => ArrayBuffer[]): Moved<T> | TaskOutcome<T> {
  try {
    const value = work();
    // move() marks the wrapper so Piscina posts its value with the buffers in the transfer list.
    return move(new Moved({ ok: true, value }, buffers(value))) as Moved<T>;
  } catch (error) {
    const e = toAppError(error, 'BAD_AUDIO');
    return { ok: false, error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
  }
}

export function encode(task: { pcm16: ArrayBuffer; sampleRate?: number; opus?: OggOpusOptions }): Moved<EncodedAudio> | TaskOutcome<EncodedAudio> {
  return attempt(() => encodePcm16(task.pcm16, task.sampleRate, task.opus), (v) => [v.ogg]);
}

export function prepare(task: { wav: ArrayBuffer; encode?: boolean; maxSeconds?: number; opus?: OggOpusOptions }): Moved<PreparedAudio> | TaskOutcome<PreparedAudio> {
  return attempt(() => prepareWav(task.wav, task), (v) => (v.encoded ? [v.pcm16, v.encoded.ogg] : [v.pcm16]));
}
