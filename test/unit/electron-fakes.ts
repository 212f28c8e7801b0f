// Hand-written fakes of the Electron services and of the App, passed through constructors by the electron-* tests.
import type { App, DictationHandle } from '../../main/app/app-types.js';
import { AppError } from '../../main/core/errors.js';
import type { Logger } from '../../main/core/logger.js';
import type { ClipboardService } from '../../main/hosts/electron/services/clipboard-service.js';
import type { HotkeyService } from '../../main/hosts/electron/services/hotkey-service.js';
import type { KeyReleaseSource } from '../../main/hosts/electron/services/key-release-source.js';
import type { IpcEventLike, IpcMainLike } from '../../main/hosts/electron/logic/ipc-registration.js';
import type { NotificationService } from '../../main/hosts/electron/services/notification-service.js';
import { findMenuItem } from '../../main/hosts/electron/logic/tray-menu.js';
import type { TrayMenuItem, TrayService } from '../../main/hosts/electron/services/tray-service.js';
import type { MainView, WindowService } from '../../main/hosts/electron/services/window-service.js';
import type { EventName, PipelineResult, QuickCommand } from '../../preload/contract.js';

export class FakeHotkeys implements HotkeyService {
  readonly registered = new Map<string, () => void>();
  /** Accelerators another app holds. */
  readonly heldElsewhere = new Set<string>();

  register(accelerator: string, onPress: () => void): boolean {
    if (this.heldElsewhere.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, onPress);
    return true;
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
  unregisterAll(): void {
    this.registered.clear();
  }
  /** The user presses a registered accelerator. */
  press(accelerator: string): void {
    const cb = this.registered.get(accelerator);
    if (!cb) throw new Error(`${accelerator} is not registered`);
    cb();
  }
}

type IpcListener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** Electron's ipcMain as far as we use it: one handler per invoke channel, listeners per send channel; invoke and send play a renderer's ipcRenderer. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, IpcListener>();
  readonly listeners = new Map<string, Set<IpcListener>>();
  handle(channel: string, listener: IpcListener): void {
    // Electron throws on a second handler for a channel: so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: IpcListener): this {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }
  removeListener(channel: string, listener: IpcListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** ipcRenderer.invoke from a renderer. */
  async invoke(event: IpcEventLike, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
  /** ipcRenderer.send from a renderer (structured clone: the main side gets its own copy). */
  send(event: IpcEventLike, channel: string, ...args: unknown[]): void {
    const copies = args.map((a) => structuredClone(a));
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...copies);
  }
}

export class FakeKeyRelease implements KeyReleaseSource {
  private readonly listeners = new Map<string, Set<() => void>>();
  constructor(readonly available = true, readonly reason: string | undefined = undefined) {}
  onRelease(key: string, listener: () => void): () => void {
    const set = this.listeners.get(key) ?? new Set();
    set.add(listener);
    this.listeners.set(key, set);
    return () => set.delete(listener);
  }
  release(key: string): void {
    for (const l of this.listeners.get(key) ?? []) l();
  }
  watching(key: string): number {
    return this.listeners.get(key)?.size ?? 0;
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class FakeClipboard implements ClipboardService {
  readonly writes: string[] = [];
  constructor(public text = '') {}
  readText(): Promise<string> {
    return Promise.resolve(this.text);
  }
  writeText(text: string): Promise<void> {
    this.writes.push(text);
    this.text = text;
    return Promise.resolve();
  }
}

export class FakeNotifications implements NotificationService {
  readonly shown: { title: string; body: string }[] = [];
  show(message: { title: string; body: string }): void {
    this.shown.push(message);
  }
  get last(): string | undefined {
    return this.shown.at(-1)?.body;
  }
}

export class FakeWindows implements WindowService {
  overlayVisible = false;
  readonly hides: number[] = [];
  readonly broadcasts: { event: EventName; payload: unknown }[] = [];
  readonly mainViews: (MainView | undefined)[] = [];
  readonly mainFocus: ({ historyId?: number } | undefined)[] = [];
  readonly overlaySizes: { width: number; height: number }[] = [];
  resizeOverlay(size: { width: number; height: number }): void {
    this.overlaySizes.push(size);
  }
  showMain(view?: MainView, focus?: { historyId?: number }): void {
    this.mainViews.push(view);
    this.mainFocus.push(focus);
  }
  showOverlay(): void {
    this.overlayVisible = true;
  }
  hideOverlay(afterMs = 0): void {
    this.hides.push(afterMs);
    this.overlayVisible = false;
  }
  broadcast(event: EventName, payload: unknown): void {
    this.broadcasts.push({ event, payload });
  }
  hotkeyStates(): string[] {
    return this.broadcasts.filter((b) => b.event === 'hotkey.state').map((b) => (b.payload as { state: string }).state);
  }
  dispose(): void {}
}

export class FakeTray implements TrayService {
  menu: readonly TrayMenuItem[] = [];
  tooltip = '';
  setMenu(items: readonly TrayMenuItem[]): void {
    this.menu = items;
  }
  setTooltip(text: string): void {
    this.tooltip = text;
  }
  item(id: string): TrayMenuItem | undefined {
    return findMenuItem(this.menu, id);
  }
  click(id: string): void {
    const item = findMenuItem(this.menu, id);
    if (!item?.onClick) throw new Error(`no clickable item ${id}`);
    if (item.enabled === false) throw new Error(`${id} is disabled`);
    item.onClick();
  }
  dispose(): void {}
}

export const CODE = 'export function add(a: number, b: number): number {\n  return a + b;\n}';
export const ANSWER = `Here is the function:\n\n\`\`\`typescript\n${CODE}\n\`\`\`\n\nIt adds two numbers.`;

export function result(overrides: Partial<PipelineResult> = {}): PipelineResult {
  return {
    code: CODE, language: 'typescript', answer: ANSWER, intent: 'generate_function', transcript: 'write a function add that adds two numbers',
    complete: true, finishReason: 'STOP', cached: null, historyId: 1, timings: { total: 900 }, ...overrides,
  };
}

interface FakeSession {
  handle: DictationHandle;
  chunks: Uint8Array[];
  cancelled: boolean;
  finished: boolean;
}

/** The App's host-facing entry points; a dictation holds a "session" until it finishes or is cancelled. */
export class FakeApp implements Pick<App, 'startDictation' | 'runQuick'> {
  readonly sessions: FakeSession[] = [];
  readonly quick: { command: QuickCommand; targetLanguage?: string; clipboardText: string }[] = [];
  openSessions = 0;
  nextResult: PipelineResult = result();
  /** Holds finish() until release() is called, to exercise cancel during generation. */
  holdFinish = false;
  private releaseHeld: (() => void) | undefined;
  private nextId = 1;

  constructor(private readonly clipboard?: FakeClipboard) {}

  startDictation(): DictationHandle {
    const requestId = this.nextId++;
    this.openSessions++;
    let rejectCancelled: ((e: unknown) => void) | undefined;
    const session: FakeSession = {
      chunks: [],
      cancelled: false,
      finished: false,
      handle: {
        requestId,
        push: (pcm16) => session.chunks.push(pcm16),
        finish: () =>
          new Promise<PipelineResult>((resolve, reject) => {
            rejectCancelled = reject;
            const done = (): void => {
              if (session.cancelled) return;
              session.finished = true;
              this.openSessions--;
              resolve(this.nextResult);
            };
            if (this.holdFinish) this.releaseHeld = done;
            else queueMicrotask(done);
          }),
        cancel: () => {
          if (session.cancelled || session.finished) return;
          session.cancelled = true;
          this.openSessions--;
          rejectCancelled?.(new AppError('CANCELLED', 'The request was cancelled.'));
        },
      },
    };
    this.sessions.push(session);
    return session.handle;
  }

  releaseFinish(): void {
    this.releaseHeld?.();
  }

  async runQuick(command: QuickCommand, _onEvent: unknown, options?: { targetLanguage?: string; signal?: AbortSignal }): Promise<PipelineResult> {
    // Like the real app: the quick command works on the clipboard's text (platform.clipboard).
    const clipboardText = (await this.clipboard?.readText()) ?? '';
    this.quick.push({ command, clipboardText, ...(options?.targetLanguage ? { targetLanguage: options.targetLanguage } : {}) });
    const code = `/** ${command} of: ${clipboardText} */\n${clipboardText}`;
    return result({ code, answer: `\`\`\`ts\n${code}\n\`\`\``, intent: command === 'generate_test' ? 'generate_test' : command, transcript: command });
  }
}

export class CapturingLogger implements Logger {
  readonly lines: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  debug(fields: Record<string, unknown>, message?: string): void {
    this.lines.push({ level: 'debug', fields, ...(message ? { message } : {}) });
  }
  info(fields: Record<string, unknown>, message?: string): void {
    this.lines.push({ level: 'info', fields, ...(message ? { message } : {}) });
  }
  warn(fields: Record<string, unknown>, message?: string): void {
    this.lines.push({ level: 'warn', fields, ...(message ? { message } : {}) });
  }
  error(fields: Record<string, unknown>, message?: string): void {
    this.lines.push({ level: 'error', fields, ...(message ? { message } : {}) });
  }
  child(bindings: Record<string, unknown>): Logger {
    void bindings;
    return this;
  }
  text(): string {
    return JSON.stringify(this.lines);
  }
}
