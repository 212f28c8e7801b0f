// Builds the desktop app inside Electron: the app core, the renderer protocol, windows, IPC, tray, hotkey, paste, key store.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { app as electronApp, BrowserWindow, safeStorage, screen, session, shell, systemPreferences } from 'electron';
import { pickConfigEnv } from '../../config/load.js';
import { createApp } from '../../app/create-app.js';
import { userShell } from '../../app/app-profiles.js';
import type { App } from '../../app/app-types.js';
import { defaultDataDir } from '../../app/paths.js';
import type { Logger } from '../../core/logger.js';
import { startAutoUpdate } from './electron-auto-update.js';
import { createElectronClipboardService, createElectronNotificationService } from './electron-clipboard-service.js';
import { createElectronHotkeyService } from './electron-hotkey-service.js';
import { registerIpc } from './electron-ipc.js';
import { serveRenderer } from './electron-protocol.js';
import { createElectronTrayService } from './electron-tray-service.js';
import { createFileSecretPersistence } from './file-secret-persistence.js';
import { setupPaste, type PasteSetup } from './insert/paste-setup.js';
import { DesktopShell } from './logic/desktop-shell.js';
import { EventForwarder } from './logic/event-forwarder.js';
import { OverlaySizer } from './logic/overlay-sizer.js';
import { IpcGuard } from './logic/ipc-guard.js';
import { keyReleaseSupport } from './logic/key-release-support.js';
import { resolveNativeBinding } from './logic/native-binding.js';
import { createNavigationGuard } from './logic/navigation-guard.js';
import { RendererDictation } from './logic/renderer-dictation.js';
import { SafeStorageSecretStore } from './logic/secret-store.js';
import { secureSession } from './logic/security-wiring.js';
import { WindowManager } from './logic/window-manager.js';
import { createUiohookKeyRelease } from './uiohook-key-release.js';

const HIDDEN_FLAG = '--hidden';
// electron-builder.yml's appId (the macOS bundle id) and package.json's name: with the product name and the executable,
// the names our own windows go by, so a paste never lands in the overlay or the main window.
const OWN_APP_IDS = ['dev.voicecodegen.app', 'voice-codegen'] as const;

export interface ElectronHost {
  readonly windows: WindowManager;
  close(): Promise<void>;
}

/** dist/main -> the folders beside it; workers run from app.asar.unpacked (worker threads cannot load from the archive). */
function distPaths(mainDir: string): { preload: string; renderer: string; workers: string; appRoot: string } {
  const dist = join(mainDir, '..');
  return {
    preload: join(dist, 'preload', 'index.cjs'),
    renderer: join(dist, 'renderer'),
    workers: join(dist, 'workers').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
    appRoot: join(dist, '..'),
  };
}

export async function startElectronHost(options: { mainDir: string; logger: Logger; quit: () => void }): Promise<ElectronHost> {
  const { logger } = options;
  const paths = distPaths(options.mainDir);
  const env = pickConfigEnv(process.env);
  const native = resolveNativeBinding({
    isPackaged: electronApp.isPackaged,
    resourcesPath: process.resourcesPath,
    appRoot: paths.appRoot,
    electronVersion: process.versions.electron ?? 'unknown',
    exists: existsSync,
  });
  if (native.path === undefined) logger.warn({}, native.message);
  const dataDir = env.VOICE_CODEGEN_DATA_DIR ?? defaultDataDir(process.platform, homedir(), process.env);
  const secretStore = new SafeStorageSecretStore(safeStorage, createFileSecretPersistence(join(dataDir, 'secrets.json')), logger.child({ part: 'secrets' }));
  const clipboard = createElectronClipboardService();
  const core: App = await createApp({
    env,
    logger,
    host: 'electron',
    shell: userShell(process.env, process.platform),
    version: electronApp.getVersion(),
    dataDir,
    workersDir: paths.workers,
    simulated: process.env.VOICE_CODEGEN_SIMULATED === '1',
    prewarm: true,
    platform: {
      clipboard: { readText: () => clipboard.readText(), writeText: (text) => clipboard.writeText(text) },
      secretStore,
      ...(native.path !== undefined ? { nativeBinding: native.path } : {}),
    },
  });

  // Paste into the focused app (settings.output.mode): finds the tools and checks them while the windows are built.
  const pasteReady: Promise<PasteSetup | undefined> = setupPaste({
    platform: process.platform,
    // The tools need DISPLAY, WAYLAND_DISPLAY and PATH, which the config env does not carry.
    env: process.env,
    logger,
    settings: () => ({ ...core.settings.output, rules: core.settings.profiles.rules }),
    clipboard,
    ...(process.platform === 'darwin' ? { isAccessibilityTrusted: () => systemPreferences.isTrustedAccessibilityClient(false) } : {}),
    ownAppNames: [electronApp.getName(), ...OWN_APP_IDS, basename(process.execPath, extname(process.execPath))],
  }).catch((error: unknown) => {
    logger.error({ error: String(error) }, 'paste could not be set up; results are copied');
    return undefined;
  });

  const securityStats = secureSession(session.defaultSession, logger.child({ part: 'security' }));
  serveRenderer(paths.renderer);
  const forwarder = new EventForwarder();
  const guard = createNavigationGuard({ logger, openExternal: (url) => shell.openExternal(url) });
  const cursorWorkArea = () => screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea;
  const windows = new WindowManager({
    create: (o) => new BrowserWindow(o),
    preloadPath: paths.preload,
    devTools: !electronApp.isPackaged,
    cursorWorkArea,
    forwarder,
    guard,
    logger,
    onClientClosed: (clientId) => core.clientClosed(clientId),
  });
  // The overlay takes the size of what it shows (listening, writing, done, error).
  const overlaySizer = new OverlaySizer({ windows, workArea: cursorWorkArea });
  const unsubscribeEvents = core.events.subscribe((event, payload) => {
    forwarder.send(event, payload);
    overlaySizer.onEvent(event, payload);
  });

  const bridge = new RendererDictation({
    sendHotkeyState: (state) => windows.sendToOverlay('hotkey.state', { state }),
    captureClientId: () => windows.overlayClientId(),
    rendererMode: () => core.settings.hotkey.mode,
    router: core.router,
    events: core.events,
    logger,
  });
  const notifications = createElectronNotificationService();
  const hotkeys = createElectronHotkeyService();
  const keyRelease = createUiohookKeyRelease(
    keyReleaseSupport({
      platform: process.platform,
      ...(process.env.XDG_SESSION_TYPE ? { sessionType: process.env.XDG_SESSION_TYPE } : {}),
      ...(process.env.WAYLAND_DISPLAY ? { waylandDisplay: process.env.WAYLAND_DISPLAY } : {}),
      ...(process.env.DISPLAY ? { display: process.env.DISPLAY } : {}),
      ...(process.platform === 'darwin' ? { accessibilityTrusted: systemPreferences.isTrustedAccessibilityClient(false) } : {}),
    }),
    logger,
  );
  const tray = createElectronTrayService(() => windows.showMain());
  const paste = await pasteReady;
  const desktop = new DesktopShell({
    app: core,
    starter: bridge,
    settings: () => core.settings,
    hotkeys,
    keyRelease,
    clipboard,
    ...(paste ? { paste, selection: paste.selection } : {}),
    tray,
    windows,
    notifications,
    logger,
    quit: options.quit,
  });
  // The overlay's Paste / Copy / Open / Dismiss buttons (result.action) do what its chords do.
  core.setResultActionHandler((requestId, action) => desktop.actions.run(requestId, action));
  // Each dictation's app profile comes from the window focused at its hotkey down (issue 23).
  core.setFocusSource(() => desktop.focusContext());

  const applyLoginItem = (): void => {
    // Linux has no login-item API in Electron: autostart there is a .desktop file the packages install (documented).
    // Started at login, the app waits in the tray (--hidden) instead of opening its window over the desktop.
    if (process.platform !== 'linux') electronApp.setLoginItemSettings({ openAtLogin: core.settings.app.launchAtLogin, args: [HIDDEN_FLAG] });
  };
  const ipcGuard = new IpcGuard({
    router: core.router,
    onAudio: (id, pcm, clientId) => core.onAudio(id, pcm, clientId),
    logger: logger.child({ part: 'ipc' }),
    // Edit by voice: the selection read at hotkey down joins the overlay's dictation.start.
    prepare: (method, clientId, params) => bridge.prepareCall(method, clientId, params),
    onOutcome: (method, clientId, outcome) => {
      bridge.observeCall(method, clientId, outcome);
      if (method === 'settings.update' && outcome.ok) {
        desktop.configure(); // a new hotkey or mode applies at once
        applyLoginItem();
      }
    },
  });
  const unregisterIpc = registerIpc(ipcGuard);

  windows.prepareOverlay();
  const openedAtLogin = process.argv.includes(HIDDEN_FLAG) || (process.platform === 'darwin' && electronApp.getLoginItemSettings().wasOpenedAtLogin === true);
  windows.prepareMain(!core.settings.app.startHidden && !openedAtLogin);
  applyLoginItem();
  const status = desktop.configure();
  logger.info(
    { hotkey: status.accelerator, mode: status.mode, output: core.settings.output.mode, paste: paste?.availability.available ?? false, nativeBinding: native.path ?? null },
    'desktop ready',
  );
  const stopUpdates = startAutoUpdate({ isPackaged: electronApp.isPackaged, disabled: process.env.VOICE_CODEGEN_NO_UPDATE === '1', logger, notifications });

  return {
    windows,
    async close() {
      logger.info({ ipc: ipcGuard.stats, navigation: guard.stats, permissions: securityStats }, 'security counters at shutdown');
      stopUpdates();
      // Puts back a clipboard still waiting for its post-paste restore before anything else goes away.
      await desktop.dispose();
      hotkeys.unregisterAll();
      keyRelease.dispose();
      tray.dispose();
      unregisterIpc();
      unsubscribeEvents();
      windows.allowClose();
      windows.dispose();
      await core.close();
    },
  };
}
