// Opens Live transcription sessions on one endpoint (push-to-talk, custom vocabulary) under our own connect timeout.
import { Modality, type GoogleGenAI, type Session } from '@google/genai';
import { abortReason } from '../core/abort.js';
import { AppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { TimeoutError } from '../core/timeout.js';
import { createGeminiClient } from './client.js';
import { mapGeminiError, mapLiveClose } from './errors.js';
import { isMalformedFrameEvent, LiveFrameGuard } from './live-frame-guard.js';
import { GeminiLiveSession } from './live-session.js';
import { tokenUsageOf, type GeminiEndpoint, type GeminiTokenUsage, type LiveConnectOptions, type LiveSession, type LiveSessionFactory } from './types.js';

export interface LiveTranscriberOptions {
  endpoint: GeminiEndpoint;
  /** settings.gemini.connectTimeoutMs: the SDK's connect never settles if the server closes before setupComplete. */
  connectTimeoutMs: number;
  /** BCP-47 hints; empty lets the model detect the language. */
  languageCodes?: string[];
  /** Custom vocabulary is capped here (Google allows 1,000 terms and works best near 100). */
  maxVocabulary?: number;
  /** A client to share (tests, the balancer); created from the endpoint otherwise. */
  client?: GoogleGenAI;
  logger?: Logger;
  /** Each usageMetadata a session receives (Live bills audio in and transcript out). */
  onUsage?: (usage: GeminiTokenUsage) => void;
}

let sessionCounter = 0;

function closeInfoOf(event: unknown): { code: number; reason: string } {
  const e = event as { code?: unknown; reason?: unknown } | null;
  return { code: typeof e?.code === 'number' ? e.code : 1006, reason: typeof e?.reason === 'string' ? e.reason : '' };
}

export class LiveTranscriber implements LiveSessionFactory {
  private readonly ai: GoogleGenAI;
  private readonly guard: LiveFrameGuard;
  private readonly logger: Logger;

  constructor(private readonly options: LiveTranscriberOptions) {
    this.ai = options.client ?? createGeminiClient(options.endpoint);
    this.logger = (options.logger ?? silentLogger).child({ component: 'live-transcriber', endpoint: options.endpoint.name });
    this.guard = LiveFrameGuard.for(this.ai);
    if (!this.guard.installed) this.logger.warn({}, 'could not guard Live frames: a malformed server frame may surface as an unhandled rejection');
  }

  /** Server frames that were not JSON (each closed its session), counted per client. */
  get malformedFrames(): number {
    return this.guard.malformedFrames;
  }

  async connect(options: LiveConnectOptions = {}): Promise<LiveSession> {
    const signal = options.signal;
    if (signal?.aborted) throw abortReason(signal);
    const limit = this.options.maxVocabulary ?? 100;
    const vocabulary = [...new Set(options.vocabulary ?? [])].filter((t) => t.trim() !== '').slice(0, limit);
    const session = new GeminiLiveSession({
      id: `live-${++sessionCounter}`,
      endpointName: this.options.endpoint.name,
      vocabulary,
      onListenerError: (error) => this.logger.warn({ err: error }, 'a Live session listener threw'),
      onUsage: (meta) => {
        const usage = tokenUsageOf('transcription', this.options.endpoint.models.live, meta);
        if (usage) this.options.onUsage?.(usage);
      },
    });

    let settle: ((error: AppError) => void) | undefined;
    const early = new Promise<never>((_, reject) => {
      settle = reject;
    });
    // A rejection nobody awaits (connect already resolved) must not become an unhandled one.
    early.catch(() => undefined);
    let setupDone = false;
    const onclose = (event: unknown): void => {
      const info = closeInfoOf(event);
      session.handleClose(info);
      // Closed before setupComplete: the SDK's promise would hang forever; we fail now.
      if (!setupDone) settle?.(mapLiveClose(info));
    };
    const onerror = (event: unknown): void => {
      if (isMalformedFrameEvent(event)) {
        this.logger.warn({ sessionId: session.id }, 'malformed Live frame: session closed');
        session.handleError(event.error);
        if (!setupDone) settle?.(event.error);
        return;
      }
      this.logger.debug({ sessionId: session.id, err: (event as { error?: unknown } | null)?.error }, 'Live socket error');
    };

    const timeoutMs = this.options.connectTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => settle?.(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => settle?.(new TimeoutError('Live connect', timeoutMs)), timeoutMs);

    const connecting: Promise<Session> = this.ai.live.connect({
      model: this.options.endpoint.models.live,
      config: {
        responseModalities: [Modality.TEXT],
        inputAudioTranscription: {
          languageCodes: this.options.languageCodes ?? [],
          // Speech biasing: the SDK's AudioTranscriptionConfig.customVocabulary, sent verbatim in setup.
          ...(vocabulary.length > 0 ? { customVocabulary: vocabulary } : {}),
        },
        // Push-to-talk: the app marks the turn with activityStart/activityEnd.
        realtimeInputConfig: { automaticActivityDetection: { disabled: true } },
      },
      callbacks: { onmessage: (message) => session.handleMessage(message), onerror, onclose },
    });
    try {
      const sdkSession = await Promise.race([connecting, early]);
      setupDone = true;
      session.attach(sdkSession);
      return session;
    } catch (thrown) {
      const error = mapGeminiError(thrown);
      // The socket may still be opening or open: close it, now or when the SDK finally resolves.
      this.guard.closeSocketOf(onclose);
      connecting.then((late) => late.close(), () => undefined);
      session.close();
      throw error;
    } finally {
      clearTimeout(timer);
      timer = undefined;
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
