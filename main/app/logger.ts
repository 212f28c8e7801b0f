// Creates the app's structured logger (pino); everything else receives it through constructors.
import { pino } from 'pino';
import type { Logger } from '../core/logger.js';

export function createLogger(options: { level?: string; destination?: number | string } = {}): Logger {
  const destination = options.destination ?? 2; // stderr: stdout belongs to the CLI's output
  return pino({ level: options.level ?? 'info', base: { app: 'voice-codegen' }, redact: ['apiKey', '*.apiKey', 'key', 'token'] }, pino.destination({ dest: destination, sync: false })) as unknown as Logger;
}
