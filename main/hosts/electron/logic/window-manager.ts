// The main window and the overlay behind WindowService: hardened options, guarded contents, close-to-tray, overlay on the cursor's screen.
import { IPC_EVENT_CHANNEL, type EventName, type EventPayload } from '../../../../preload/contract.js';
import type { Logger } from '../../../core/logger.js';
import type { MainView, WindowService } from '../services/window-service.js';
import { MAIN_URL, OVERLAY_URL } from './app-origin.js';
import type { EventForwarder } from './event-forwarder.js';
import type { NavigationGuard } from './navigation-guard.js';
import { secureWebContents, type WebContentsLike } from './security-wiring.js';
import { OVERLAY_MIN } from './overlay-size.js';
import { mainWindowOptions, overlayBounds, overlayWindowOptions, type Rect, type WindowOptions } from './window-options.js';

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike & { readonly id: number; isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
  loadURL(url: string): Promise<void>;
  show(): void;
  showInactive(): void;
  hide(): void;
  focus(): void;
  isDestroyed(): boolean;
  setBounds(bounds: Partial<Rect>): void;
  setAlwaysOnTop(flag: boolean, level?: 'floating' | 'screen-saver'): void;
  setVisibleOnAllWorkspaces(visible: boolean, options?: { visibleOnFullScreen?: boolean }): void;
  destroy(): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface WindowManagerOptions {
  /** Electron: (options) => new BrowserWindow(options). */
  create(options: WindowOptions): BrowserWindowLike;
  preloadPath: string;
  devTools: boolean;
  /** Work area of the display under the cursor (screen.getDisplayNearestPoint(screen.getCursorScreenPoint())). */
  cursorWorkArea(): Rect;
  forwarder: EventForwarder;
  guard: NavigationGuard;
  logger: Logger;
  /** A renderer went away: the app cancels what it had open. */
  onClientClosed(clientId: string): void;
}

export function clientIdOf(webContentsId: number): string {
  return `window:${webContentsId}`;
}

export class WindowManager implements WindowService {
  private main: BrowserWindowLike | undefined;
  private overlay: BrowserWindowLike | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private overlaySize: { width: number; height: number } = OVERLAY_MIN;
  private quitting = false;

  constructor(private readonly options: WindowManagerOptions) {}

  /** After this, closing the main window really closes it (quit from the tray or the OS). */
  allowClose(): void {
    this.quitting = true;
  }

  showMain(view?: MainView, focus?: { historyId?: number }): void {
    const entry = view === 'history' && focus?.historyId !== undefined && Number.isSafeInteger(focus.historyId) ? `&entry=${focus.historyId}` : '';
    const url = view && view !== 'home' ? `${MAIN_URL}?tab=${view}${entry}` : MAIN_URL;
    if (this.main === undefined || this.main.isDestroyed()) {
      this.main = this.createMain(url, true);
      return;
    }
    if (view !== undefined) this.load(this.main, url);
    this.main.show();
    this.main.focus();
  }

  /** Creates the main window at start, shown or left in the tray (start hidden, or opened at login). */
  prepareMain(show: boolean): void {
    if (this.main === undefined || this.main.isDestroyed()) this.main = this.createMain(MAIN_URL, show);
  }

  /**
   * Creates the overlay hidden at start: it records the microphone, so it must be loaded before the first hotkey press
   * (a window created at key-down would miss the press and the first words).
   */
  prepareOverlay(): void {
    this.ensureOverlay();
  }

  showOverlay(): void {
    if (this.hideTimer !== undefined) clearTimeout(this.hideTimer);
    this.hideTimer = undefined;
    const overlay = this.ensureOverlay();
    overlay.setBounds(overlayBounds(this.options.cursorWorkArea(), this.overlaySize));
    overlay.showInactive();
  }

  resizeOverlay(size: { width: number; height: number }): void {
    this.overlaySize = size;
    if (this.overlay === undefined || this.overlay.isDestroyed()) return;
    this.overlay.setBounds(overlayBounds(this.options.cursorWorkArea(), size));
  }

  /** The overlay's client id for the IPC guard and the app (window:<webContents id>). */
  overlayClientId(): string | undefined {
    return this.overlay !== undefined && !this.overlay.isDestroyed() ? clientIdOf(this.overlay.webContents.id) : undefined;
  }

  /** Sends an event to the overlay only (hotkey.state: only the recording window may react to it). */
  sendToOverlay<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const contents = this.ensureOverlay().webContents;
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event, payload);
  }

  hideOverlay(afterMs = 0): void {
    if (this.hideTimer !== undefined) clearTimeout(this.hideTimer);
    this.hideTimer = undefined;
    const hide = (): void => {
      this.hideTimer = undefined;
      if (this.overlay !== undefined && !this.overlay.isDestroyed()) this.overlay.hide();
    };
    if (afterMs <= 0) hide();
    else this.hideTimer = setTimeout(hide, afterMs);
  }

  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.options.forwarder.send(event, payload);
  }

  dispose(): void {
    if (this.hideTimer !== undefined) clearTimeout(this.hideTimer);
    this.quitting = true;
    for (const win of [this.overlay, this.main]) if (win !== undefined && !win.isDestroyed()) win.destroy();
    this.overlay = undefined;
    this.main = undefined;
  }

  private createMain(url: string, showWhenReady: boolean): BrowserWindowLike {
    const win = this.open(mainWindowOptions({ preloadPath: this.options.preloadPath, devTools: this.options.devTools }), url);
    win.on('close', (event) => {
      // Closing the window keeps the app in the tray; Quit is in the tray menu.
      if (!this.quitting) {
        event.preventDefault();
        win.hide();
      }
    });
    if (showWhenReady) win.once('ready-to-show', () => win.show());
    return win;
  }

  private ensureOverlay(): BrowserWindowLike {
    if (this.overlay === undefined || this.overlay.isDestroyed()) {
      const bounds = overlayBounds(this.options.cursorWorkArea(), this.overlaySize);
      const overlay = this.open(overlayWindowOptions({ preloadPath: this.options.preloadPath, devTools: this.options.devTools, bounds }), OVERLAY_URL);
      // Above full-screen editors and on every desktop: the overlay must be seen wherever the user is typing.
      overlay.setAlwaysOnTop(true, 'screen-saver');
      overlay.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
      this.overlay = overlay;
    }
    return this.overlay;
  }

  private open(options: WindowOptions, url: string): BrowserWindowLike {
    const win = this.options.create(options);
    const contents = win.webContents;
    const clientId = clientIdOf(contents.id);
    secureWebContents(contents, this.options.guard);
    const stopForwarding = this.options.forwarder.add(contents);
    win.on('closed', () => {
      stopForwarding();
      this.options.onClientClosed(clientId);
    });
    this.load(win, url);
    return win;
  }

  private load(win: BrowserWindowLike, url: string): void {
    win.loadURL(url).catch((error: unknown) => this.options.logger.error({ url, error: error instanceof Error ? error.message : String(error) }, 'could not load the renderer'));
  }
}
