// The exact BrowserWindow options of the main window and the overlay (hardened webPreferences), and where the overlay goes.

export interface HardenedWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
  devTools: boolean;
}

export interface WindowOptions {
  width: number;
  height: number;
  x?: number;
  y?: number;
  minWidth?: number;
  minHeight?: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  autoHideMenuBar?: boolean;
  frame?: boolean;
  alwaysOnTop?: boolean;
  skipTaskbar?: boolean;
  resizable?: boolean;
  minimizable?: boolean;
  maximizable?: boolean;
  fullscreenable?: boolean;
  focusable?: boolean;
  hasShadow?: boolean;
  webPreferences: HardenedWebPreferences;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function hardenedWebPreferences(preloadPath: string, devTools: boolean): HardenedWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/** The main window: created hidden and shown when ready (or left in the tray when the user chose to start hidden). */
export function mainWindowOptions(input: { preloadPath: string; devTools: boolean }): WindowOptions {
  return {
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Voice CodeGen',
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(input.preloadPath, input.devTools),
  };
}

const OVERLAY_MARGIN = 24;

/** The overlay: small, frameless, always on top, off the taskbar; shown without focus so typing continues where it was. */
export function overlayWindowOptions(input: { preloadPath: string; devTools: boolean; bounds: Rect }): WindowOptions {
  return {
    ...input.bounds,
    show: false,
    title: 'Voice CodeGen — dictation',
    backgroundColor: '#111418',
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    focusable: false,
    hasShadow: true,
    webPreferences: hardenedWebPreferences(input.preloadPath, input.devTools),
  };
}

/** Bottom-right of the work area of the display under the cursor (where the user is looking); the size comes from overlay-size.ts. */
export function overlayBounds(workArea: Rect, size: { width: number; height: number }): Rect {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  return {
    x: Math.round(workArea.x + workArea.width - width - Math.min(OVERLAY_MARGIN, workArea.width - width)),
    y: Math.round(workArea.y + workArea.height - height - Math.min(OVERLAY_MARGIN, workArea.height - height)),
    width,
    height,
  };
}
