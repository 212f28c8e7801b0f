// The composition root: createApp(settings, platform) builds every part, passes them down, and closes them in reverse order.
import { readFileSync } from 'node:fs';
import type { Settings } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import { AppError } from '../core/errors.js';
import { ApiRouter, type MethodHandlers } from './api-router.js';
import { AppEvents } from './app-events.js';

export interface CreateAppOptions {
  settings: Settings;
  logger: Logger;
  host: 'web' | 'electron' | 'cli';
  dataDir: string;
  workersDir: string;
  simulated?: boolean;
  note?: string;
}

export interface App {
  readonly settings: Settings;
  readonly router: ApiRouter;
  readonly events: AppEvents;
  onAudio(requestId: number, pcm16: Uint8Array, clientId: string): void;
  clientClosed(clientId: string): void;
  metricsText(): Promise<string>;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function createApp(options: CreateAppOptions): Promise<App> {
  const events = new AppEvents();
  const { settings, logger } = options;
  const notYet = (): never => {
    throw new AppError('INTERNAL', 'This part of Voice CodeGen is not available in this build yet.');
  };
  const handlers: MethodHandlers = {
    'app.info': () => ({
      host: options.host === 'electron' ? 'electron' : 'web',
      version: packageVersion(),
      simulated: options.simulated ?? false,
      hasApiKey: settings.gemini.instances.some((i) => i.apiKey !== undefined),
      hotkey: settings.hotkey.accelerator,
      hotkeyMode: settings.hotkey.mode,
      ...(options.note ? { note: options.note } : {}),
    }),
    'dictation.start': notYet,
    'dictation.stop': notYet,
    'request.cancel': notYet,
    'request.text': notYet,
    'request.quick': notYet,
    'history.search': notYet,
    'history.get': notYet,
    'history.delete': notYet,
    'history.clear': notYet,
    'history.export': notYet,
    'settings.get': notYet,
    'settings.update': notYet,
    'settings.setApiKey': notYet,
    'dashboard.get': notYet,
    'clipboard.copy': notYet,
  };
  const router = new ApiRouter(handlers, (method, reason) => logger.warn({ method, reason }, 'rejected call'));
  await Promise.resolve();
  return {
    settings,
    router,
    events,
    onAudio: () => undefined,
    clientClosed: () => undefined,
    metricsText: async () => '',
    close: async () => undefined,
  };
}
