// One spoken request: audio chunks go to a pre-warmed Live session at once (and are kept), release ends the turn,
// the final transcript continues down the pipeline; when Live fails, the kept audio is transcribed by REST instead.
import type { EditTarget, IntentName, PipelineResult, StageTimings } from '../../preload/contract.js';
import { LinkedAbortController } from '../core/abort.js';
import { AppError, toAppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Clock } from '../core/clock.js';
import { withTimeout } from '../core/timeout.js';
import { rms } from '../audio/dsp.js';
import type { LiveSession, Utterance } from '../gemini/types.js';
import type { AudioEncoderPort, EventSink, FileTranscriberPort, LiveSessionSource, LoadedContext } from './ports.js';
import type { VoicePipeline } from './voice-pipeline.js';
import { requestShape } from '../intent/request-shape.js';
import { editRequestShape } from '../intent/edit-request-shape.js';
import { emptySpeculationStats, type SpeculativeGeneration, type SpeculationStats } from './speculation.js';
import { WaitClock } from './outcome.js';

/** At most this many speculative streams per dictation (one at a time): each restart costs tokens. */
const MAX_SPECULATIONS = 2;
/**
 * A partial that could be whole but names no target language ("write a class for a bank account") often gets a tail
 * ("in java"): speculate on it only after this longer pause. Each discarded speculation bills its whole prompt
 * (about 190 tokens), so a guess on a partial that is still growing is the costliest kind of waste.
 */
const OPEN_REQUEST_PAUSE_MS = 400;
/** RMS (full scale 1) above which a 100 ms chunk counts as voice: about -40 dBFS, well above a quiet room's noise. */
const VOICE_RMS = 0.01;

function chunkRms(pcm16: Uint8Array): number {
  // A view needs 2-byte alignment; network buffers can start anywhere.
  const aligned = pcm16.byteOffset % 2 === 0 ? pcm16 : pcm16.slice();
  const samples = new Int16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 1);
  return rms(samples, 1 / 32768);
}

/** Live's final should follow activityEnd within a few hundred ms; past this we fall back to REST. */
const LIVE_FINAL_TIMEOUT_MS = 4_000;
/**
 * At release, how long to wait for a Live session that is still connecting before transcribing the kept audio by REST
 * instead: a warm session is ready at once; a cold connect takes about 300 ms.
 */
const LIVE_READY_GRACE_MS = 1_000;
const FALLBACK_TIMEOUT_MS = 30_000;
const SAMPLE_RATE = 16_000;

/** Keeps what was sent to Live for the REST fallback; bounded so long dictation never grows without limit. */
export interface KeptAudio {
  push(pcm16: Uint8Array): void;
  /** All kept audio as one PCM16 buffer (the newest audio when the bound was hit). */
  concat(): Uint8Array;
  readonly samples: number;
}

export interface VoiceRequestDeps {
  pipeline: VoicePipeline<unknown>;
  sessions: LiveSessionSource;
  fileTranscriber: FileTranscriberPort;
  encoder: AudioEncoderPort;
  keptAudio: () => KeptAudio;
  clock: Clock;
  logger: Logger;
}

export interface VoiceRequestOptions {
  language?: string;
  intent?: IntentName;
  noCache?: boolean;
  clipboard?: string;
  /** Edit by voice: the selection captured at hotkey down (the 'edit' event was sent then). */
  edit?: EditTarget;
}

export class VoiceRequest {
  private readonly link: LinkedAbortController;
  private readonly kept: KeptAudio;
  private session: LiveSession | null = null;
  private utterance: Utterance | null = null;
  private liveError: AppError | null = null;
  private readonly pending: Uint8Array[] = [];
  private readonly ready: Promise<void>;
  private readonly context: Promise<LoadedContext>;
  private finished = false;
  private gaveUpOnLive = false;
  private lastPartial = '';
  private speculation: SpeculativeGeneration | null = null;
  private speculating: Promise<void> | null = null;
  private stableTimer: ReturnType<typeof setTimeout> | null = null;
  /** Waits for retries of the REST fallback: their own stage, kept out of the transcription time. */
  private readonly waitTimings: StageTimings = {};
  private readonly transcriptionWait: WaitClock;
  private readonly specStats: SpeculationStats = emptySpeculationStats();
  /** Monotonic time of the last chunk with voice in it (energy above VOICE_RMS). */
  private lastVoiceAt = 0;

  constructor(private readonly deps: VoiceRequestDeps, private readonly options: VoiceRequestOptions, private readonly onEvent: EventSink, signal?: AbortSignal) {
    this.link = new LinkedAbortController(signal);
    this.transcriptionWait = new WaitClock(() => deps.clock.monotonic(), this.waitTimings);
    this.kept = deps.keptAudio();
    deps.pipeline.admit();
    onEvent({ type: 'listening' });
    this.context = deps.pipeline.loadContext(this.link.signal);
    this.ready = this.open();
  }

  get signal(): AbortSignal {
    return this.link.signal;
  }

  private async open(): Promise<void> {
    try {
      const session = await this.deps.sessions.acquire(this.link.signal);
      // Cancelled meanwhile, or released and already sent by REST: give the session back unused.
      if (this.link.signal.aborted || this.gaveUpOnLive) {
        this.deps.sessions.release(session, !this.link.signal.aborted);
        return;
      }
      this.session = session;
      this.utterance = session.startUtterance({
        onPartial: (text) => {
          this.lastPartial = text;
          this.onEvent({ type: 'transcript.partial', text });
          this.watchStability(text);
        },
      });
      for (const chunk of this.pending.splice(0)) this.utterance.push(chunk);
    } catch (error) {
      this.liveError = toAppError(error, 'UNAVAILABLE');
      this.deps.logger.warn({ code: this.liveError.code }, 'live session unavailable; will transcribe the kept audio by REST');
    }
  }

  /** A chunk of 16 kHz mono PCM16 from the microphone: forwarded at once, and kept. */
  push(pcm16: Uint8Array): void {
    if (this.finished || this.link.signal.aborted) return;
    this.kept.push(pcm16);
    if (chunkRms(pcm16) >= VOICE_RMS) this.lastVoiceAt = this.deps.clock.monotonic();
    if (this.liveError) return;
    if (this.utterance) {
      try {
        this.utterance.push(pcm16);
      } catch (error) {
        this.liveError = toAppError(error, 'NETWORK');
      }
    } else {
      this.pending.push(pcm16);
    }
  }

  /** The hotkey was released: end the turn and run the rest of the pipeline. */
  async finish(): Promise<PipelineResult> {
    if (this.finished) throw new AppError('VALIDATION', 'This dictation has already been sent.');
    this.finished = true;
    const releasedAt = this.deps.clock.monotonic();
    const signal = this.link.signal;
    let transcript: string;
    try {
      await Promise.race([this.ready, new Promise((resolve) => setTimeout(resolve, LIVE_READY_GRACE_MS).unref?.())]);
      if (!this.utterance && !this.liveError) {
        this.gaveUpOnLive = true;
        this.liveError = new AppError('TIMEOUT', 'No Live session was ready when the hotkey was released.');
      }
      transcript = await this.transcribe(signal);
      this.transcriptionWait.end();
    } catch (error) {
      const appError = toAppError(error);
      this.transcriptionWait.end();
      const waited = this.transcriptionWait.totalMs;
      const timings: StageTimings = { transcription: this.deps.clock.monotonic() - releasedAt - waited, total: this.deps.clock.monotonic() - releasedAt - waited, ...this.waitTimings };
      this.stopWatching();
      // A speculation still being set up must not start streaming after this: wait for it, then discard it.
      if (this.speculating) await this.speculating;
      if (this.speculation) this.deps.pipeline.discard(this.speculation, this.specStats);
      this.speculation = null;
      this.deps.pipeline.recordFailure('voice', timings, appError);
      this.onEvent({ type: 'error', error: appError.toJSON() });
      this.releaseSession();
      this.link.dispose();
      throw appError;
    }
    const timings: StageTimings = { transcription: this.deps.clock.monotonic() - releasedAt - this.transcriptionWait.totalMs, ...this.waitTimings };
    // The Live session is done once the final transcript is in: give it back before generating.
    this.releaseSession();
    this.stopWatching();
    if (this.speculating) await this.speculating;
    try {
      return await this.deps.pipeline.fromTranscript(
        {
          transcript, source: 'voice', startedAt: releasedAt, timings, context: this.context,
          ...(this.options.language ? { language: this.options.language } : {}),
          ...(this.options.intent ? { intent: this.options.intent } : {}),
          ...(this.options.noCache ? { noCache: true } : {}),
          ...(this.options.clipboard ? { clipboard: this.options.clipboard } : {}),
          ...(this.options.edit ? { edit: this.options.edit } : {}),
          speculation: this.speculation,
          speculationStats: this.specStats,
        },
        this.onEvent,
        signal,
      );
    } finally {
      this.link.dispose();
    }
  }

  /** Esc, a new request, or closing the window: stops everything this request holds. */
  cancel(): void {
    if (this.link.signal.aborted) return;
    this.link.abort(new AppError('CANCELLED', 'Dictation cancelled.'));
    this.stopWatching();
    this.speculation?.cancel();
    try {
      this.utterance?.cancel();
    } catch (error) {
      this.deps.logger.debug({ err: error }, 'cancel of a closing utterance failed');
    }
    this.releaseSession();
    if (!this.finished) {
      this.finished = true;
      this.link.dispose();
    }
  }

  /**
   * Speculation: when the partial transcript stays the same for settings.speculation.stableMs, start generating on
   * it; a partial that changes after that makes the running speculation worthless, so it is stopped at once.
   */
  private watchStability(text: string): void {
    if (this.speculation && this.speculation.partial !== text) {
      this.deps.pipeline.discard(this.speculation, this.specStats);
      this.speculation = null;
    }
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.stableTimer = null;
    const spec = this.deps.pipeline.settings.speculation;
    if (!spec.enabled || this.finished || this.specStats.started >= MAX_SPECULATIONS) return;
    const check = (): void => {
      this.stableTimer = null;
      if (this.finished || this.speculation || this.speculating || this.lastPartial !== text) return;
      // Only a partial that reads as a whole request is worth a prompt; a longer one arrives with the next increment.
      const shape = this.options.edit ? editRequestShape(text) : requestShape(text);
      if (shape === 'incomplete') return;
      // Wait for the speaker's pause: a partial that is stable mid-sentence is usually still growing.
      const pauseMs = shape === 'closed' ? spec.pauseMs : Math.max(spec.pauseMs, OPEN_REQUEST_PAUSE_MS);
      const quietFor = this.deps.clock.monotonic() - this.lastVoiceAt;
      if (quietFor < pauseMs) {
        this.stableTimer = setTimeout(check, Math.max(10, pauseMs - quietFor));
        return;
      }
      this.speculating = this.deps.pipeline
        .speculate(text, this.options, this.context, this.link.signal)
        .then((speculation) => {
          if (!speculation) return;
          this.specStats.started++;
          if (this.lastPartial !== text || this.link.signal.aborted) this.deps.pipeline.discard(speculation, this.specStats);
          else this.speculation = speculation;
        })
        .catch((error: unknown) => this.deps.logger.debug({ err: error }, 'speculation did not start'))
        .finally(() => {
          this.speculating = null;
        });
    };
    this.stableTimer = setTimeout(check, spec.stableMs);
  }

  private stopWatching(): void {
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.stableTimer = null;
  }

  private async transcribe(signal: AbortSignal): Promise<string> {
    if (this.kept.samples === 0) throw new AppError('BAD_AUDIO', 'No audio reached Voice CodeGen. Check that the right microphone is selected and that it is not muted.');
    if (!this.liveError && this.utterance) {
      try {
        const utterance = this.utterance;
        return await withTimeout('transcription', LIVE_FINAL_TIMEOUT_MS, (s) => utterance.finish(s), signal);
      } catch (error) {
        const appError = toAppError(error, 'NETWORK');
        if (appError.code === 'CANCELLED') throw appError;
        this.liveError = appError;
        this.deps.logger.warn({ code: appError.code }, 'live transcription failed; falling back to REST with the kept audio');
      }
    }
    const audio = this.kept.concat();
    return withTimeout('transcription', FALLBACK_TIMEOUT_MS, async (s) => {
      const encoded = await this.deps.encoder.encodeForUpload(audio, SAMPLE_RATE, s);
      return this.deps.fileTranscriber.transcribe(encoded.data, encoded.mimeType, s, (info) => {
        // A retry waits (a 429's RetryInfo, backoff): say so with its end time, and keep the wait out of the transcription time.
        this.transcriptionWait.start(info.delayMs);
        this.onEvent({ type: 'waiting', stage: 'transcription', until: info.until, delayMs: info.delayMs, reason: info.error.toJSON() });
      });
    }, signal);
  }

  private releaseSession(): void {
    const session = this.session;
    this.session = null;
    if (session) this.deps.sessions.release(session, this.liveError === null && !this.link.signal.aborted);
  }
}
