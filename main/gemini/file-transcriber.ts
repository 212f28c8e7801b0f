// Batch transcription of recorded audio by REST (the Live fallback and `--audio file`), abortable and retried.
import type { GoogleGenAI } from '@google/genai';
import { throwIfAborted } from '../core/abort.js';
import { AppError } from '../core/errors.js';
import { createGeminiClient } from './client.js';
import { withRetry, type RetrySettings } from './retry.js';
import { tokenUsageOf, type GeminiEndpoint, type GeminiTokenUsage, type WaitingListener } from './types.js';

export interface FileTranscriberOptions {
  endpoint: GeminiEndpoint;
  retry: RetrySettings;
  client?: GoogleGenAI;
  random?: () => number;
}

export interface FileTranscribeRequest {
  audio: Uint8Array;
  /** audio/wav, audio/ogg, audio/flac, audio/mp3, audio/aac, audio/aiff, or audio/pcm;rate=16000. */
  mimeType: string;
  /** Identifiers the speaker may say; sent as custom vocabulary (speech biasing) so they are spelt as written. */
  vocabulary?: readonly string[];
  signal?: AbortSignal;
  /** Told before a retry waits (a 429's RetryInfo, backoff). */
  onWaiting?: WaitingListener;
}

export interface FileTranscript {
  text: string;
  responseId: string | undefined;
  model: string;
  usage: GeminiTokenUsage | undefined;
}

/** Google takes up to 1,000 terms and works best with up to 100 (gemini-protocol.md). */
const MAX_VOCABULARY = 100;
/** Inline audio above this would exceed Google's 20 MB request limit once base64-encoded. */
const MAX_INLINE_BYTES = 14 * 1024 * 1024;

export class FileTranscriber {
  private readonly ai: GoogleGenAI;

  constructor(private readonly options: FileTranscriberOptions) {
    this.ai = options.client ?? createGeminiClient(options.endpoint);
  }

  async transcribe(request: FileTranscribeRequest): Promise<FileTranscript> {
    throwIfAborted(request.signal);
    if (!request.mimeType.startsWith('audio/')) {
      throw new AppError('BAD_AUDIO', `Cannot transcribe "${request.mimeType}": expected an audio type such as audio/wav or audio/ogg.`, { retryable: false });
    }
    if (request.audio.byteLength > MAX_INLINE_BYTES) {
      throw new AppError('INPUT_TOO_LARGE', `The recording is ${(request.audio.byteLength / 1048576).toFixed(1)} MB; inline audio is limited to 14 MB. Stream it through Live instead.`, { retryable: false });
    }
    const model = this.options.endpoint.models.batchTranscribe;
    const data = Buffer.from(request.audio.buffer, request.audio.byteOffset, request.audio.byteLength).toString('base64');
    const vocabulary = [...new Set(request.vocabulary ?? [])].filter((t) => t.trim() !== '').slice(0, MAX_VOCABULARY);
    const response = await withRetry(
      () =>
        this.ai.models.generateContent({
          model,
          // As in Google's transcription examples: the audio part alone; the vocabulary goes in the SDK's
          // GenerateContentConfig.audioTranscriptionConfig (generationConfig.audioTranscriptionConfig on the wire).
          contents: [{ role: 'user', parts: [{ inlineData: { mimeType: request.mimeType, data } }] }],
          config: { ...(vocabulary.length > 0 ? { audioTranscriptionConfig: { customVocabulary: vocabulary } } : {}), abortSignal: request.signal },
        }),
      {
        ...this.options.retry,
        signal: request.signal,
        random: this.options.random,
        onRetry: ({ delayMs, error }) => request.onWaiting?.({ until: Date.now() + delayMs, delayMs, error }),
      },
    );
    return { text: (response.text ?? '').trim(), responseId: response.responseId, model, usage: tokenUsageOf('batch_transcription', model, response.usageMetadata) };
  }
}
