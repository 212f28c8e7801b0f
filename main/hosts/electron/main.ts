// The Electron entry (bundled to dist/main/electron.cjs): single instance, privileged scheme, start hidden or shown, orderly quit.
import { app } from 'electron';
import { createLogger } from '../../app/logger.js';
import { toAppError } from '../../core/errors.js';
import { registerAppScheme } from './electron-protocol.js';
import { startElectronHost, type ElectronHost } from './electron-host.js';

const logger = createLogger({ level: process.env.VOICE_CODEGEN_LOG_LEVEL ?? 'info' });

// Before ready: our renderer origin (vcg://app) is a secure, standard scheme.
registerAppScheme();
// The overlay records the microphone on a hotkey, with no click in it: Chromium's autoplay rule would keep its AudioContext suspended.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
// Wayland: global shortcuts go through the desktop portal (KDE Plasma, GNOME 48+); see main/hosts/electron/README.md.
if (process.platform === 'linux' && (process.env.XDG_SESSION_TYPE === 'wayland' || process.env.WAYLAND_DISPLAY)) {
  app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
}

let host: ElectronHost | undefined;
let shuttingDown = false;
let closed = false;

function quit(): void {
  app.quit();
}

if (!app.requestSingleInstanceLock()) {
  // Another Voice CodeGen is running: it shows its window (second-instance) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => host?.windows.showMain());
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => host?.windows.showMain());
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (shuttingDown) return;
    shuttingDown = true;
    const done = (): void => {
      closed = true;
      app.quit();
    };
    (host ? host.close() : Promise.resolve()).then(done, (error: unknown) => {
      logger.error({ error: toAppError(error).message }, 'shutdown failed');
      done();
    });
  });
  app
    .whenReady()
    .then(async () => {
      host = await startElectronHost({ mainDir: __dirname, logger, quit });
    })
    .catch((error: unknown) => {
      const e = toAppError(error);
      logger.error({ code: e.code, error: e.message }, 'Voice CodeGen could not start');
      closed = true;
      app.exit(1);
    });
}
