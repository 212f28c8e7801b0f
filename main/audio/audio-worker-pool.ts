// The audio worker pool: Piscina running dist/workers/audio.js, sized for a 2-core machine, with typed, cancellable calls.
import { Piscina } from 'piscina';
import { abortReason, throwIfAborted } from '../core/abort.js';
import { AppError, isAbortError } from '../core/errors.js';
import type { EncodedAudio, PreparedAudio, TaskOutcome } from './audio-tasks.js';
import type { OggOpusOptions } from './ogg-opus.js';

/** The largest recording the workers take (30 minutes of 48 kHz stereo PCM16 is about 330 MB; WAVs we get are 16-bit mono). */
export const MAX_AUDIO_INPUT_BYTES = 200 * 1024 * 1024;

export interface AudioWorkerPoolOptions {
  /** Absolute path of the built task module (dist/workers/audio.js); the composition root knows where dist is. */
  filename: string;
  /** Default 2: the app runs on 2-core laptops, and audio jobs are short; more threads only contend. */
  maxThreads?: number;
  /** Idle workers exit after this (default 30 s), so an idle app holds no threads; the next job pays ~30 ms to start one. */
  idleTimeoutMs?: number;
  /** Jobs waiting beyond this are refused with POOL_EXHAUSTED instead of queueing without bound (default 32). */
  maxQueue?: number;
  /** WAV files larger than this are refused before any work (default 200 MB: about 35 minutes of 48 kHz stereo 16-bit). */
  maxInputBytes?: number;
  /** Recordings longer than this are refused by the worker (default 30 minutes). */
  maxSeconds?: number;
}

type Bytes = ArrayBuffer | ArrayBufferView;

/**
 * Takes the bytes for a worker. A buffer the view covers whole is transferred (moved: the caller's copy becomes
 * empty, no copy is made); a view into a larger or shared buffer (a pooled Node Buffer) is copied, so the
 * transfer never detaches memory someone else is using.
 */
function takeBuffer(bytes: Bytes): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  const { buffer, byteOffset, byteLength } = bytes;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  return new Uint8Array(buffer, byteOffset, byteLength).slice().buffer;
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;
}

export class AudioWorkerPool {
  private readonly pool: Piscina;
  private readonly maxInputBytes: number;
  private readonly maxSeconds: number;
  private closed = false;

  constructor(options: AudioWorkerPoolOptions) {
    this.maxInputBytes = options.maxInputBytes ?? MAX_AUDIO_INPUT_BYTES;
    this.maxSeconds = options.maxSeconds ?? 30 * 60;
    this.pool = new Piscina({
      filename: options.filename,
      minThreads: 0,
      maxThreads: options.maxThreads ?? 2,
      idleTimeout: options.idleTimeoutMs ?? 30_000,
      maxQueue: options.maxQueue ?? 32,
    });
  }

  /** Encodes 16 kHz mono PCM16 as Ogg Opus (encoder options for tests and the bench). The input buffer is moved. */
  async encodeOpus(pcm16: Bytes, signal?: AbortSignal, opus?: OggOpusOptions): Promise<EncodedAudio> {
    const buffer = this.checkSize(takeBuffer(pcm16));
    return this.run<EncodedAudio>('encode', { pcm16: buffer, sampleRate: 16000, opus }, [buffer], signal);
  }

  /**
   * The pipeline's AudioEncoderPort: kept utterance PCM16 (e.g. UtteranceBuffer.concat()) as Ogg Opus for the REST
   * fallback. The input buffer is moved.
   */
  async encodeForUpload(pcm16: Uint8Array, sampleRate: number, signal: AbortSignal): Promise<{ data: Uint8Array; mimeType: string }> {
    if (sampleRate !== 16000) throw new AppError('BAD_AUDIO', `Kept audio must be 16000 Hz PCM16, got ${sampleRate} Hz.`);
    const encoded = await this.encodeOpus(pcm16, signal);
    return { data: new Uint8Array(encoded.ogg), mimeType: encoded.mimeType };
  }

  /** Decode, resample and (unless encode is false) encode a WAV in one hop (--audio and recorded files). The input buffer is moved. */
  async prepare(wav: Bytes, options: { encode?: boolean; opus?: OggOpusOptions } = {}, signal?: AbortSignal): Promise<PreparedAudio> {
    const buffer = this.checkSize(takeBuffer(wav));
    return this.run<PreparedAudio>('prepare', { wav: buffer, maxSeconds: this.maxSeconds, ...options }, [buffer], signal);
  }

  stats(): { threads: number; queued: number; completed: number } {
    return { threads: this.pool.threads.length, queued: this.pool.queueSize, completed: this.pool.completed };
  }

  /** Waits for running jobs, then stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
  }

  private checkSize(buffer: ArrayBuffer): ArrayBuffer {
    if (buffer.byteLength > this.maxInputBytes) {
      throw new AppError('INPUT_TOO_LARGE', `The audio is ${mb(buffer.byteLength)}; at most ${mb(this.maxInputBytes)} can be processed. Use a shorter recording.`, {
        details: { bytes: buffer.byteLength, maxBytes: this.maxInputBytes },
      });
    }
    return buffer;
  }

  private async run<T>(name: string, task: object, transferList: ArrayBuffer[], signal?: AbortSignal): Promise<T> {
    if (this.closed) throw new AppError('INTERNAL', 'The audio worker pool is closed.');
    throwIfAborted(signal);
    let outcome: TaskOutcome<T>;
    try {
      outcome = (await this.pool.run(task, { name, transferList, ...(signal ? { signal } : {}) })) as TaskOutcome<T>;
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (isAbortError(error)) throw new AppError('CANCELLED', 'The audio job was cancelled.', { cause: error });
      const message = error instanceof Error ? error.message : String(error);
      if (/queue is at limit/i.test(message)) {
        throw new AppError('POOL_EXHAUSTED', 'Too many audio jobs are waiting; try again in a moment.', { cause: error });
      }
      throw new AppError('INTERNAL', `The audio worker failed: ${message}`, { cause: error });
    }
    if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message, outcome.error.details ? { details: outcome.error.details } : {});
    return outcome.value;
  }
}
