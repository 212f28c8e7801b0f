// The app object every host drives: the router for renderers, pipeline entry points for the CLI and hotkeys, and lifecycle.
import type { EventSink } from '../pipeline/ports.js';
import type { EditTarget, IntentName, PipelineResult, QuickCommand } from '../../preload/contract.js';
import type { Settings } from '../config/schema.js';
import type { ApiRouter } from './api-router.js';
import type { AppEvents } from './app-events.js';
import type { IntentOutcome } from '../pipeline/ports.js';

/** What a host provides that only it can (Electron: clipboard, safeStorage; web: nothing). */
export interface PlatformServices {
  /** Reads the system clipboard for context (only used when a request refers to it). */
  clipboard?: { readText(signal: AbortSignal): Promise<string>; writeText(text: string): Promise<void> | void };
  /** Stores API keys encrypted (Electron safeStorage); absent: keys live in memory for this run only. */
  secretStore?: { isEncryptionAvailable(): boolean; save(name: string, secret: string): Promise<void> | void; load(name: string): Promise<string | undefined> | string | undefined };
  /** better-sqlite3 built for Electron's ABI. */
  nativeBinding?: string;
}

export interface CreateAppOptions {
  /** Explicit effective settings (tests); otherwise the stored settings with `env` applied on top. */
  settings?: Settings;
  /** Stored settings to start from instead of the database's (tests: a user's saved choices); `env` still applies. */
  storedSettings?: unknown;
  env?: import('../config/load.js').ConfigEnv;
  logger: import('../core/logger.js').Logger;
  host: 'web' | 'electron' | 'cli';
  dataDir: string;
  workersDir: string;
  simulated?: boolean;
  note?: string;
  /** Keep Live sessions warm (GUI hosts); the CLI's one-shot requests do not. */
  prewarm?: boolean;
  platform?: PlatformServices;
  /** Where memory readings come from (tests inject one); systeminformation and the process otherwise. */
  memoryReader?: import('../monitor/memory-reader.js').MemoryReader;
  /** The app's version (Electron: app.getVersion()); read from package.json when absent. */
  version?: string;
  /** Tests against a simulator with short Live connections lower the pool's rotation limit. */
  liveConnectionLimitMs?: number;
}

export interface TextRequest {
  text: string;
  language?: string;
  intent?: IntentName;
  noCache?: boolean;
  /** Skip the syntax check (the CLI's --no-check). */
  noCheck?: boolean;
  clipboard?: string;
  /** Edit by voice: the request changes this selection (its result carries `edit` with before and after). */
  edit?: EditTarget;
}

export interface DictationHandle {
  readonly requestId: number;
  push(pcm16: Uint8Array): void;
  finish(): Promise<PipelineResult>;
  cancel(): void;
}

export interface App {
  readonly settings: Settings;
  readonly router: ApiRouter;
  readonly events: AppEvents;
  /** A typed request, from the transcript stage on. */
  runText(request: TextRequest, onEvent: EventSink, signal?: AbortSignal): Promise<PipelineResult>;
  /** A tray quick command on the clipboard's text. */
  runQuick(command: QuickCommand, onEvent: EventSink, options?: { targetLanguage?: string; signal?: AbortSignal; selection?: string }): Promise<PipelineResult>;
  /** Starts a dictation (hotkey down); chunks are 16 kHz mono PCM16. Events also go to app.events. */
  /** A new dictation cancels one still open for the same client (one voice at a time); default client 'local'. */
  startDictation(options?: { intent?: IntentName; language?: string; onEvent?: EventSink; clientId?: string; edit?: EditTarget }): DictationHandle;
  /** A recorded WAV: decoded, resampled, sent by the seed's rule (streamed to Live over 1 MB compressed, else one REST request). */
  runAudioFile(wav: Uint8Array, options: { language?: string; noCache?: boolean; noCheck?: boolean; clipboard?: string; edit?: EditTarget }, onEvent: EventSink, signal?: AbortSignal): Promise<PipelineResult>;
  /** Transcribes a recorded WAV only. */
  transcribeFile(wav: Uint8Array, signal?: AbortSignal): Promise<string>;
  recogniseIntent(text: string, language?: string): IntentOutcome;
  /** Audio frames from a renderer for an open dictation. */
  onAudio(requestId: number, pcm16: Uint8Array, clientId: string): void;
  /** A renderer went away: cancel what it had open. */
  clientClosed(clientId: string): void;
  /** The desktop shell's handler for the overlay's result buttons (result.action); the web host has none. */
  setResultActionHandler(handler: import('./api-handlers.js').ResultActionHandler | undefined): void;
  metricsText(): Promise<string>;
  close(): Promise<void>;
}
