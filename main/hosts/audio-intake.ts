// Admission of microphone audio from a transport (WebSocket, Electron IPC): frame size, rate and total buffered bytes.
// `app.startDictation` (tests, benches, the CLI) is not a transport and does not pass here.

/** 16 kHz mono PCM16: one second of speech is 32,000 bytes. */
export const AUDIO_BYTES_PER_SECOND = 16_000 * 2;
/** 100 ms of audio is 3.2 kB; a whole second is 32 kB. Anything far larger is not a capture chunk (same cap as over IPC). */
export const MAX_AUDIO_FRAME_BYTES = 256 * 1024;
/** One dictation keeps at most 10 minutes of audio (the utterance buffer's own cap, audio/utterance-buffer.ts). */
export const MAX_DICTATION_AUDIO_BYTES = 10 * 60 * AUDIO_BYTES_PER_SECOND;

export interface AudioIntakeLimits {
  /** Audio accepted at most this many times faster than real time, per client (a client has one dictation at a time). */
  rateFactor: number;
  /** What a client may send ahead of the rate: the chunks captured while dictation.start was on its way. */
  burstBytes: number;
  maxFrameBytes: number;
  maxDictationBytes: number;
  /** All clients' current dictations together. A client's bytes count until it starts another dictation or leaves. */
  maxTotalBytes: number;
}

export const DEFAULT_AUDIO_INTAKE_LIMITS: AudioIntakeLimits = {
  rateFactor: 2,
  burstBytes: 2 * AUDIO_BYTES_PER_SECOND,
  maxFrameBytes: MAX_AUDIO_FRAME_BYTES,
  maxDictationBytes: MAX_DICTATION_AUDIO_BYTES,
  // Eight browser clients at the 2x rate need a minute and a half to fill this; a real dictation is far shorter.
  maxTotalBytes: 48 * 1024 * 1024,
};

export type AudioVerdict = 'ok' | 'too-large' | 'too-fast' | 'dictation-full' | 'total-full';

export interface AudioIntakeStats {
  accepted: number;
  droppedTooLarge: number;
  droppedTooFast: number;
  droppedFull: number;
}

interface ClientLedger {
  /** Token bucket in bytes; may go below zero by one frame, which the rate then pays back. */
  tokens: number;
  refilledAt: number;
  requestId: number;
  dictationBytes: number;
}

export class AudioIntake {
  readonly limits: AudioIntakeLimits;
  readonly stats: AudioIntakeStats = { accepted: 0, droppedTooLarge: 0, droppedTooFast: 0, droppedFull: 0 };
  private readonly now: () => number;
  private readonly clients = new Map<string, ClientLedger>();
  private totalBytes = 0;

  constructor(options: { now?: () => number; limits?: Partial<AudioIntakeLimits> } = {}) {
    this.now = options.now ?? (() => performance.now());
    this.limits = { ...DEFAULT_AUDIO_INTAKE_LIMITS, ...options.limits };
  }

  /** Bytes of audio counted now across all clients' current dictations. */
  get bufferedBytes(): number {
    return this.totalBytes;
  }

  /** Decides whether a frame of `bytes` for `requestId` from `clientId` is forwarded; counts it when it is. */
  admit(clientId: string, requestId: number, bytes: number): AudioVerdict {
    if (bytes > this.limits.maxFrameBytes) {
      this.stats.droppedTooLarge++;
      return 'too-large';
    }
    const now = this.now();
    let ledger = this.clients.get(clientId);
    if (!ledger) {
      ledger = { tokens: this.limits.burstBytes, refilledAt: now, requestId, dictationBytes: 0 };
      this.clients.set(clientId, ledger);
    }
    const rate = (this.limits.rateFactor * AUDIO_BYTES_PER_SECOND) / 1000;
    ledger.tokens = Math.min(this.limits.burstBytes, ledger.tokens + (now - ledger.refilledAt) * rate);
    ledger.refilledAt = now;
    if (ledger.requestId !== requestId) {
      // The app keeps one dictation per client: a new one ends the last, whose audio is no longer held.
      this.totalBytes -= ledger.dictationBytes;
      ledger.requestId = requestId;
      ledger.dictationBytes = 0;
    }
    if (ledger.tokens < 0) {
      this.stats.droppedTooFast++;
      return 'too-fast';
    }
    if (ledger.dictationBytes + bytes > this.limits.maxDictationBytes) {
      this.stats.droppedFull++;
      return 'dictation-full';
    }
    if (this.totalBytes + bytes > this.limits.maxTotalBytes) {
      this.stats.droppedFull++;
      return 'total-full';
    }
    ledger.tokens -= bytes;
    ledger.dictationBytes += bytes;
    this.totalBytes += bytes;
    this.stats.accepted++;
    return 'ok';
  }

  /** A transport's client went away: its dictation (cancelled by the app) no longer holds audio. */
  clientClosed(clientId: string): void {
    const ledger = this.clients.get(clientId);
    if (!ledger) return;
    this.totalBytes -= ledger.dictationBytes;
    this.clients.delete(clientId);
  }
}
