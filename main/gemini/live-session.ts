// One Live transcription session (setup complete): push-to-talk utterances, partial and final transcripts, goAway, close.
import type { LiveServerMessage, Session } from '@google/genai';
import { abortReason } from '../core/abort.js';
import { AppError } from '../core/errors.js';
import { TypedEmitter, type Disposable } from '../core/events.js';
import { TimeoutError } from '../core/timeout.js';
import { mapLiveClose } from './errors.js';
import type { LiveCloseInfo, LiveSession, Utterance, UtteranceCallbacks } from './types.js';

const PCM_MIME = 'audio/pcm;rate=16000';
/** Cap on waiting for the final transcript when the caller passed no signal (the budget's maximum is 1 s). */
const FINISH_FALLBACK_MS = 10_000;

/** "50s", "1.5s" (protobuf Duration JSON) in milliseconds. */
export function parseDurationMs(text: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(text ?? '');
  return match ? Math.round(Number(match[1]) * 1000) : 0;
}

interface PendingTurn {
  committed: string;
  interim: string;
  callbacks: UtteranceCallbacks;
  finishing: boolean;
  resolve?: (text: string) => void;
  reject?: (error: AppError) => void;
  failure?: AppError;
}

export interface LiveSessionInit {
  id: string;
  endpointName: string;
  vocabulary: readonly string[];
  onListenerError?: (error: unknown) => void;
  /** Every usageMetadata the server sends (token accounting of Live transcription). */
  onUsage?: (usage: NonNullable<LiveServerMessage['usageMetadata']>) => void;
}

export class GeminiLiveSession implements LiveSession {
  readonly id: string;
  readonly endpointName: string;
  readonly createdAt = Date.now();
  readonly vocabulary: readonly string[];
  private sdkSession: Session | undefined;
  private goingAway = false;
  private isClosed = false;
  private closeInfo: LiveCloseInfo | undefined;
  private turn: PendingTurn | undefined;
  /** Set when we closed the socket ourselves, so the close is reported as such and not as a failure. */
  private closeError: AppError | undefined;
  private readonly events: TypedEmitter<{ close: LiveCloseInfo; goAway: number }>;
  /** Turns ended by `inputTranscription.finished` whose turnComplete has not arrived yet: those turnCompletes are theirs. */
  private lateTurnCompletes = 0;
  private readonly onUsage: ((usage: NonNullable<LiveServerMessage['usageMetadata']>) => void) | undefined;

  constructor(init: LiveSessionInit) {
    this.id = init.id;
    this.endpointName = init.endpointName;
    this.vocabulary = init.vocabulary;
    this.events = new TypedEmitter((error) => init.onListenerError?.(error));
    this.onUsage = init.onUsage;
  }

  /** Called once the SDK's connect resolved. */
  attach(session: Session): void {
    this.sdkSession = session;
    if (this.isClosed) this.safeClose();
  }

  get closing(): boolean {
    return this.goingAway || this.isClosed || this.closeError !== undefined;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  onClose(listener: (info: LiveCloseInfo) => void): Disposable {
    return this.events.on('close', listener);
  }

  onGoAway(listener: (timeLeftMs: number) => void): Disposable {
    return this.events.on('goAway', listener);
  }

  startUtterance(callbacks: UtteranceCallbacks = {}): Utterance {
    if (this.closing) {
      throw new AppError('UNAVAILABLE', 'This Live session is closing and cannot take a new utterance.', { details: { sessionId: this.id } });
    }
    if (this.turn) throw new AppError('INTERNAL', 'An utterance is already in progress on this Live session.', { retryable: false });
    const turn: PendingTurn = { committed: '', interim: '', callbacks, finishing: false };
    this.turn = turn;
    this.sendRealtime({ activityStart: {} }, turn);
    return {
      push: (pcm16) => {
        if (turn.failure || turn.finishing) return;
        const data = Buffer.from(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength).toString('base64');
        this.sendRealtime({ audio: { data, mimeType: PCM_MIME } }, turn);
      },
      finish: (signal) => this.finishTurn(turn, signal),
      cancel: () => {
        if (this.turn !== turn) return;
        this.failTurn(turn, new AppError('CANCELLED', 'The utterance was cancelled.'));
        // A half-sent turn cannot be reused: the session goes.
        this.close();
      },
    };
  }

  private sendRealtime(params: Parameters<Session['sendRealtimeInput']>[0], turn: PendingTurn): void {
    try {
      if (!this.sdkSession || this.isClosed) throw new Error('socket closed');
      this.sdkSession.sendRealtimeInput(params);
    } catch (cause) {
      this.failTurn(turn, new AppError('UNAVAILABLE', 'The Live session closed while sending audio.', { cause }));
    }
  }

  private finishTurn(turn: PendingTurn, signal?: AbortSignal): Promise<string> {
    if (turn.failure) return Promise.reject(turn.failure);
    if (turn.finishing) return Promise.reject(new AppError('INTERNAL', 'finish() was already called for this utterance.', { retryable: false }));
    turn.finishing = true;
    return new Promise<string>((resolve, reject) => {
      const onAbort = (): void => {
        this.failTurn(turn, abortReason(signal as AbortSignal));
        this.close();
      };
      if (signal?.aborted) {
        onAbort();
        reject(turn.failure);
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      // Without a signal a silent server would leave the caller waiting forever: cap the wait.
      const fallback = signal
        ? undefined
        : setTimeout(() => {
            this.failTurn(turn, new TimeoutError('Live final transcript', FINISH_FALLBACK_MS));
            this.close();
          }, FINISH_FALLBACK_MS);
      const settle = (): void => {
        signal?.removeEventListener('abort', onAbort);
        clearTimeout(fallback);
      };
      turn.resolve = (text) => {
        settle();
        resolve(text);
      };
      turn.reject = (error) => {
        settle();
        reject(error);
      };
      this.sendRealtime({ activityEnd: {} }, turn);
    });
  }

  private failTurn(turn: PendingTurn, error: AppError): void {
    if (turn.failure) return;
    turn.failure = error;
    if (this.turn === turn) this.turn = undefined;
    turn.reject?.(error);
  }

  /** Handles one server message (the SDK has parsed it). */
  handleMessage(message: LiveServerMessage): void {
    if (message.usageMetadata) {
      try {
        this.onUsage?.(message.usageMetadata);
      } catch {
        // Accounting must not break the session.
      }
    }
    if (message.goAway) {
      this.goingAway = true;
      this.events.emit('goAway', parseDurationMs(message.goAway.timeLeft));
    }
    const content = message.serverContent;
    if (!content) return;
    const turn = this.turn;
    if (content.turnComplete && this.lateTurnCompletes > 0) {
      // The turnComplete of a turn that already ended at `finished`: it must not end the turn in progress now.
      this.lateTurnCompletes -= 1;
      return;
    }
    if (!turn) return;
    const increment = content.inputTranscription?.text;
    const interim = content.interimInputTranscription?.text;
    if (increment !== undefined || interim !== undefined) {
      if (increment) turn.committed += increment;
      // The interim text is the unstable tail of the hypothesis: each one replaces the last.
      turn.interim = interim ?? '';
      const partial = (turn.committed + turn.interim).trim();
      try {
        turn.callbacks.onPartial?.(partial);
      } catch {
        // A throwing listener must not break the session.
      }
    }
    // The transcript ends at `finished` or turnComplete, whichever comes first (after activityEnd was sent).
    if (content.inputTranscription?.finished === true && turn.resolve && !content.turnComplete) {
      this.turn = undefined;
      this.lateTurnCompletes += 1;
      turn.resolve(turn.committed.trim());
      return;
    }
    if (content.turnComplete) {
      this.turn = undefined;
      if (turn.resolve) turn.resolve(turn.committed.trim());
      else turn.failure = new AppError('INTERNAL', 'Gemini completed the turn before activityEnd was sent.');
    }
  }

  /** Handles the socket's close event. */
  handleClose(info: LiveCloseInfo): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.closeInfo = info;
    const error = this.closeError ?? mapLiveClose(info);
    if (this.turn) this.failTurn(this.turn, error);
    this.events.emit('close', info);
    this.events.clear();
  }

  /** A malformed frame or transport error: fail the turn now, the close event follows. */
  handleError(error: AppError): void {
    this.closeError ??= error;
    if (this.turn) this.failTurn(this.turn, error);
    this.safeClose();
  }

  get lastClose(): LiveCloseInfo | undefined {
    return this.closeInfo;
  }

  close(): void {
    this.closeError ??= new AppError('CANCELLED', 'The Live session was closed.');
    this.safeClose();
  }

  private safeClose(): void {
    try {
      this.sdkSession?.close();
    } catch {
      // Already closed.
    }
  }
}
