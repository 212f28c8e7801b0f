// Auto-update of the packaged app with electron-updater, from the release feed named in electron-builder.yml (publish).
import { createRequire } from 'node:module';
import type { Logger } from '../../core/logger.js';
import type { NotificationService } from './services/notification-service.js';

interface UpdaterModule {
  autoUpdater: {
    logger: unknown;
    autoDownload: boolean;
    autoInstallOnAppQuit: boolean;
    on(event: 'error', listener: (error: Error) => void): unknown;
    on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
    checkForUpdates(): Promise<unknown>;
  };
}

const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

/** Starts checking (packaged builds only; VOICE_CODEGEN_NO_UPDATE=1 turns it off); returns a stop function. */
export function startAutoUpdate(options: { isPackaged: boolean; disabled: boolean; logger: Logger; notifications: NotificationService }): () => void {
  const { logger } = options;
  if (!options.isPackaged || options.disabled) return () => undefined;
  let updater: UpdaterModule['autoUpdater'];
  try {
    updater = (createRequire(__filename)('electron-updater') as UpdaterModule).autoUpdater;
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'auto-update unavailable');
    return () => undefined;
  }
  updater.logger = null; // its events come to our structured log instead
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => logger.warn({ error: error.message }, 'update check failed'));
  updater.on('update-downloaded', (info) => {
    logger.info({ version: info.version }, 'update downloaded');
    options.notifications.show({ title: 'Update ready', body: `Voice CodeGen ${info.version} will be installed when you quit.` });
  });
  const check = (): void => {
    updater.checkForUpdates().catch((error: unknown) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'update check failed'));
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
