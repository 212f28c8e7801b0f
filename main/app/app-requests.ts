// Starts requests of every kind on the pipeline: typed text, tray quick commands, dictation, recorded files.
import type { EditTarget, IntentName, PipelineResult, QuickCommand } from '../../preload/contract.js';
import { assertEditTarget } from '../pipeline/edit-fit.js';
import { editEvent } from '../pipeline/edit-request.js';
import type { Settings } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { AppError, toAppError } from '../core/errors.js';
import { withTimeout } from '../core/timeout.js';
import type { Logger } from '../core/logger.js';
import { decideSend, realtimeChunks } from '../audio/send-rule.js';
import type { AudioWorkerPool } from '../audio/audio-worker-pool.js';
import { quickCommandResult, recogniseIntent } from '../intent/recogniser.js';
import type { EventSink, IntentOutcome } from '../pipeline/ports.js';
import type { VoicePipeline } from '../pipeline/voice-pipeline.js';
import { VoiceRequest, type KeptAudio } from '../pipeline/voice-request.js';
import type { AppEvents } from './app-events.js';
import type { DictationHandle, TextRequest } from './app-types.js';
import type { GeminiServices } from './gemini-services.js';
import type { RequestRegistry } from './request-registry.js';
import type { CacheKey } from '../cache/keys.js';

/** A typed request larger than this is refused: no spoken request is 100 K characters long. */
export const MAX_TEXT_CHARS = 100_000;
/** Quick commands act on the clipboard; more than 1 MB of it is not a snippet. */
export const MAX_CLIPBOARD_CHARS = 1_000_000;

export interface AppRequestsDeps {
  pipeline: VoicePipeline<CacheKey>;
  gemini: GeminiServices;
  audio: AudioWorkerPool;
  clock: Clock;
  logger: Logger;
  events: AppEvents;
  settings: Settings;
  keptAudio: () => KeptAudio;
  clipboard: { readText(signal: AbortSignal): Promise<string> } | null;
  /** After every request (history saved): refresh what depends on it, such as the vocabulary. */
  onSettled?: () => void;
}

export interface QuickOptions {
  targetLanguage?: string;
  signal?: AbortSignal;
  clipboard?: string;
  /** The selection in the focused app (or the editor pane): the command acts on it instead of the clipboard, as an edit. */
  selection?: string;
}

const QUICK_PHRASES: Record<QuickCommand, string> = {
  explain: 'explain this code',
  add_types: 'add types to this code',
  generate_test: 'write tests for this code',
  fix_error: 'fix this error',
  convert_language: 'convert this code',
  document: 'document this code',
};

export class AppRequests {
  constructor(private readonly deps: AppRequestsDeps) {}

  private settled<T>(p: Promise<T>): Promise<T> {
    return p.finally(() => this.deps.onSettled?.());
  }

  runText(request: TextRequest, onEvent: EventSink, signal?: AbortSignal): Promise<PipelineResult> {
    return this.settled(this.runTextNow(request, onEvent, signal));
  }

  private runTextNow(request: TextRequest, onEvent: EventSink, signal?: AbortSignal): Promise<PipelineResult> {
    if (request.text.length > MAX_TEXT_CHARS) {
      return Promise.reject(new AppError('INPUT_TOO_LARGE', `That request is ${request.text.length.toLocaleString('en')} characters; the limit is ${MAX_TEXT_CHARS.toLocaleString('en')}. Put large code on the clipboard and say "explain this code" instead.`));
    }
    return this.deps.pipeline.fromTranscript(
      {
        transcript: request.text, source: 'text',
        ...(request.language ? { language: request.language } : {}),
        ...(request.intent ? { intent: request.intent } : {}),
        ...(request.noCache ? { noCache: true } : {}),
        ...(request.noCheck ? { noCheck: true } : {}),
        ...(request.clipboard !== undefined ? { clipboard: request.clipboard } : {}),
        ...(request.edit && request.edit.selection !== '' ? { edit: request.edit } : {}),
      },
      onEvent,
      signal,
    );
  }

  /** options.clipboard: text the page read from the browser's clipboard (browser mode); else the platform's clipboard is read. */
  runQuick(command: QuickCommand, onEvent: EventSink, options: QuickOptions = {}): Promise<PipelineResult> {
    return this.settled(this.runQuickNow(command, onEvent, options));
  }

  private async runQuickNow(command: QuickCommand, onEvent: EventSink, options: QuickOptions): Promise<PipelineResult> {
    const signal = options.signal ?? new AbortController().signal;
    if (options.selection !== undefined && options.selection.trim() !== '') return this.runQuickOnSelection(command, onEvent, options.selection, options, signal);
    const raw = options.clipboard ?? (this.deps.clipboard ? await this.deps.clipboard.readText(signal) : '');
    if (raw.length > MAX_CLIPBOARD_CHARS) throw new AppError('INPUT_TOO_LARGE', 'The clipboard holds more than 1 MB of text. Copy just the code you mean.');
    const clipboard = raw.trim();
    if (clipboard.length === 0) throw new AppError('VALIDATION', 'The clipboard is empty. Copy the code (or the error) first, then run the quick command again.');
    const intent = quickCommandResult(command, { clipboardCode: clipboard, defaultLanguage: this.deps.settings.language.default, ...(options.targetLanguage ? { targetLanguage: options.targetLanguage } : {}) });
    const phrase = command === 'convert_language' && intent.slots.target_language ? `convert this code to ${intent.slots.target_language}` : QUICK_PHRASES[command];
    return this.deps.pipeline.fromTranscript(
      { transcript: phrase, source: 'quick', intent: intent.intent, clipboard, ...(intent.slots.language ? { language: intent.slots.language } : {}) },
      onEvent,
      signal,
    );
  }

  /** A quick command on a selection: an edit of it (the result's `edit` holds the replacement; explain annotates it in place). */
  private runQuickOnSelection(command: QuickCommand, onEvent: EventSink, selection: string, options: QuickOptions, signal: AbortSignal): Promise<PipelineResult> {
    const edit: EditTarget = { selection };
    assertEditTarget(edit);
    const intent = quickCommandResult(command, { clipboardCode: selection, defaultLanguage: this.deps.settings.language.default, ...(options.targetLanguage ? { targetLanguage: options.targetLanguage } : {}) });
    const phrase = command === 'convert_language' && intent.slots.target_language ? `convert this code to ${intent.slots.target_language}` : QUICK_PHRASES[command];
    // A conversion writes another language: the edit's language is then the target's, not the selection's.
    const language = command === 'convert_language' ? intent.slots.target_language : undefined;
    return this.deps.pipeline.fromTranscript({ transcript: phrase, source: 'quick', intent: intent.intent, edit: language ? { ...edit, language } : edit }, onEvent, signal);
  }

  /** Hotkey down: the pipeline starts listening; events go to onEvent and to every renderer. */
  startDictation(registry: RequestRegistry, clientId: string, options: { intent?: IntentName; language?: string; onEvent?: EventSink; edit?: EditTarget } = {}): DictationHandle {
    // Fail fast: when no instance can serve (no key, every breaker open), say so at once instead of recording.
    const unavailable = this.deps.gemini.unavailable();
    if (unavailable) throw unavailable;
    const edit = options.edit && options.edit.selection !== '' ? options.edit : undefined;
    if (edit) assertEditTarget(edit);
    registry.cancelDictationsOf(clientId);
    const controller = new AbortController();
    let requestId = 0;
    const emit: EventSink = (event) => {
      options.onEvent?.(event);
      if (requestId !== 0) this.deps.events.emit('pipeline.event', { requestId, event });
    };
    const buffered: Parameters<EventSink>[0][] = [];
    const early: EventSink = (event) => (requestId === 0 ? buffered.push(event) : emit(event));
    const voice = new VoiceRequest(
      { pipeline: this.deps.pipeline as VoicePipeline<unknown>, sessions: this.deps.gemini.sessions, fileTranscriber: this.deps.gemini.fileTranscriber, encoder: this.deps.audio, keptAudio: this.deps.keptAudio, clock: this.deps.clock, logger: this.deps.logger },
      { ...(options.language ? { language: options.language } : {}), ...(options.intent ? { intent: options.intent } : {}), ...(edit ? { edit } : {}) },
      early,
      controller.signal,
    );
    requestId = registry.add({ clientId, controller, push: (c) => voice.push(c), cancel: () => voice.cancel() });
    // The overlay says "editing 14 lines in APP" while the user speaks: the edit is announced at hotkey down.
    if (edit) emit(editEvent(edit));
    for (const e of buffered.splice(0)) emit(e);
    const id = requestId;
    // A second release (two key-up paths) gets the same outcome, not a second run.
    let finishing: Promise<PipelineResult> | null = null;
    return {
      requestId: id,
      push: (pcm16) => voice.push(pcm16),
      finish: () => {
        finishing ??= voice.finish().finally(() => {
          registry.remove(id);
          this.deps.onSettled?.();
        });
        return finishing;
      },
      cancel: () => {
        registry.remove(id);
        voice.cancel();
      },
    };
  }

  /** The seed's rule: over 1 MB compressed, stream to Live in real-time-sized chunks; else one REST request. */
  async runAudioFile(wav: Uint8Array, options: { language?: string; noCache?: boolean; noCheck?: boolean; clipboard?: string; edit?: EditTarget }, onEvent: EventSink, signal?: AbortSignal): Promise<PipelineResult> {
    const startedAt = this.deps.clock.monotonic();
    const edit = options.edit && options.edit.selection !== '' ? options.edit : undefined;
    let transcript: string;
    try {
      // An edit is checked and announced before the audio is sent: an oversized selection costs no transcription.
      if (edit) {
        assertEditTarget(edit);
        onEvent(editEvent(edit));
      }
      transcript = await this.transcribeFile(wav, signal, onEvent);
    } catch (error) {
      // Failures before the transcript (bad or oversized file, transcription refused) are reported like the
      // pipeline's own: an error event (the CLI's --json stream) and the monitor's error count.
      const appError = toAppError(error);
      const elapsed = this.deps.clock.monotonic() - startedAt;
      this.deps.pipeline.recordFailure('file', { transcription: elapsed, total: elapsed }, appError);
      onEvent({ type: 'error', error: appError.toJSON() });
      throw appError;
    }
    return this.deps.pipeline.fromTranscript(
      { transcript, source: 'file', startedAt, timings: { transcription: this.deps.clock.monotonic() - startedAt }, ...(options.language ? { language: options.language } : {}), ...(options.noCache ? { noCache: true } : {}), ...(options.noCheck ? { noCheck: true } : {}), ...(options.clipboard !== undefined ? { clipboard: options.clipboard } : {}), ...(edit ? { edit } : {}) },
      onEvent,
      signal,
    );
  }

  async transcribeFile(wav: Uint8Array, signal?: AbortSignal, onEvent?: EventSink): Promise<string> {
    const s = signal ?? new AbortController().signal;
    const prepared = await this.deps.audio.prepare(wav.slice(), { encode: true }, s);
    const encoded = prepared.encoded;
    if (!encoded) throw new AppError('BAD_AUDIO', 'The recording could not be compressed for upload.');
    const decision = decideSend({ compressedBytes: encoded.ogg.byteLength, durationSec: prepared.durationSec, sampleRate: prepared.sampleRate });
    this.deps.logger.info({ mode: decision.mode, reason: decision.reason }, 'recorded audio send rule');
    if (decision.mode === 'rest') return this.deps.gemini.fileTranscriber.transcribe(new Uint8Array(encoded.ogg), encoded.mimeType, s);
    // Long audio: stream it to a Live session in real-time-sized chunks (no waiting between them: it is recorded).
    const lease = await this.deps.gemini.sessions.acquire(s);
    let ok = false;
    try {
      const utterance = lease.startUtterance(onEvent ? { onPartial: (text: string) => onEvent({ type: 'transcript.partial', text }) } : {});
      for (const chunk of realtimeChunks(new Uint8Array(prepared.pcm16), decision.chunkBytes)) utterance.push(chunk);
      // Live answers a few hundred ms after the end of activity; allow for the audio's length and a margin, never forever.
      const text = await withTimeout('transcription', 30_000 + prepared.durationSec * 1000, (ts) => utterance.finish(ts), s);
      ok = true;
      return text;
    } finally {
      this.deps.gemini.sessions.release(lease, ok);
    }
  }

  recogniseIntent(text: string, language?: string): IntentOutcome {
    return recogniseIntent(text, { defaultLanguage: language ?? this.deps.settings.language.default });
  }
}
