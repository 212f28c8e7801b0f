// A fake of Electron's BrowserWindow and webContents for the window logic: records what the logic asked of them.
import { silentLogger } from '../../main/core/logger.js';
import { EventForwarder } from '../../main/hosts/electron/logic/event-forwarder.js';
import { createNavigationGuard, type NavigationGuard } from '../../main/hosts/electron/logic/navigation-guard.js';
import { WindowManager, type BrowserWindowLike } from '../../main/hosts/electron/logic/window-manager.js';
import type { Rect, WindowOptions } from '../../main/hosts/electron/logic/window-options.js';

type Listener = (...args: never[]) => void;
const call = (l: Listener, args: unknown[]): void => (l as (...a: unknown[]) => void)(...args);

export class FakeContents {
  readonly listeners = new Map<string, Listener[]>();
  openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  readonly sent: unknown[][] = [];
  constructor(readonly id: number) {}
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) call(l, args);
  }
}

export class FakeWindow implements BrowserWindowLike {
  readonly loaded: string[] = [];
  visible = false;
  destroyed = false;
  readonly handlers = new Map<string, Listener[]>();
  readonly webContents: FakeContents;
  constructor(readonly options: WindowOptions, id: number) {
    this.webContents = new FakeContents(id);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  showInactive(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  readonly bounds: Array<Partial<Rect>> = [];
  setBounds(bounds: Partial<Rect>): void {
    this.bounds.push(bounds);
  }
  alwaysOnTop: string | undefined;
  allWorkspaces = false;
  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.alwaysOnTop = flag ? level : undefined;
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: { visibleOnFullScreen?: boolean }): void {
    this.allWorkspaces = visible && options?.visibleOnFullScreen === true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  on(event: string, listener: Listener): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  fire(event: string, ...args: unknown[]): void {
    for (const l of this.handlers.get(event) ?? []) call(l, args);
  }
}


/** The shell's WindowManager over fake windows, on a second 1920x1040 screen (or the work area given). */
export function fakeWindowManager(workArea: Rect = { x: 1920, y: 0, width: 1920, height: 1040 }): { manager: WindowManager; created: FakeWindow[]; guard: NavigationGuard; closedClients: string[] } {
  const created: FakeWindow[] = [];
  const closedClients: string[] = [];
  const guard = createNavigationGuard({ logger: silentLogger });
  const manager = new WindowManager({
    create: (options) => {
      const win = new FakeWindow(options, created.length + 1);
      created.push(win);
      return win;
    },
    preloadPath: '/app/dist/preload/index.cjs',
    devTools: false,
    cursorWorkArea: () => workArea,
    forwarder: new EventForwarder(),
    guard,
    logger: silentLogger,
    onClientClosed: (id) => closedClients.push(id),
  });
  return { manager, created, guard, closedClients };
}
