// A hotkey dictation recorded by the overlay's renderer: main follows the renderer's request, copies its code, and cancels it.
import { describe, expect, it } from 'vitest';
import { ApiRouter, type MethodHandlers } from '../../main/app/api-router.js';
import { AppEvents } from '../../main/app/app-events.js';
import { silentLogger } from '../../main/core/logger.js';
import { DesktopShell } from '../../main/hosts/electron/logic/desktop-shell.js';
import { IpcGuard } from '../../main/hosts/electron/logic/ipc-guard.js';
import { RendererDictation } from '../../main/hosts/electron/logic/renderer-dictation.js';
import { MAIN_URL } from '../../main/hosts/electron/logic/app-origin.js';
import { CODE, FakeClipboard, FakeHotkeys, FakeKeyRelease, FakeNotifications, FakeWindows, result } from './electron-fakes.js';

const HOTKEY = 'CommandOrControl+Shift+Space';
const OVERLAY = 'window:2';

function setup(rendererMode: 'push-to-talk' | 'toggle' = 'push-to-talk', rendererStarts = true) {
  const events = new AppEvents();
  const calls: { method: string; params: unknown }[] = [];
  const handlers = new Proxy({} as MethodHandlers, {
    get: (_t, method: string) => (params: unknown) => {
      calls.push({ method, params });
      return method === 'dictation.start' ? { requestId: 11 } : { ok: true };
    },
  });
  const router = new ApiRouter(handlers);
  const hotkeyStates: string[] = [];
  // The guard reports outcomes to the bridge, which is created below (called only after both exist).
  const guard: IpcGuard = new IpcGuard({ router, onAudio: () => undefined, logger: silentLogger, onOutcome: (m, c, o) => bridge.observeCall(m, c, o) });
  // The overlay's renderer: on "down" it calls dictation.start through IPC, as renderer/src/controllers/dictation-controller.ts does.
  const rendererCalls: Promise<unknown>[] = [];
  const bridge = new RendererDictation({
    sendHotkeyState: (state) => {
      hotkeyStates.push(state);
      if (state === 'down' && rendererStarts && hotkeyStates.filter((s) => s === 'down').length === 1) {
        rendererCalls.push(guard.invoke('dictation.start', { url: `${MAIN_URL}?view=overlay`, isTopFrame: true }, [{}], OVERLAY));
      }
    },
    captureClientId: () => OVERLAY,
    rendererMode: () => rendererMode,
    router,
    events,
    logger: silentLogger,
    startTimeoutMs: 20,
  });
  const hotkeys = new FakeHotkeys();
  const keyRelease = new FakeKeyRelease();
  const clipboard = new FakeClipboard();
  const notifications = new FakeNotifications();
  const shell = new DesktopShell({
    app: { runQuick: () => Promise.reject(new Error('unused')) }, starter: bridge,
    settings: () => ({ hotkey: { accelerator: HOTKEY, mode: 'push-to-talk' }, output: { copyFullAnswer: false } }),
    hotkeys, keyRelease, clipboard, windows: new FakeWindows(), notifications, logger: silentLogger, quit: () => undefined,
  });
  shell.configure();
  const rendererSettled = () => Promise.all(rendererCalls);
  return { shell, hotkeys, keyRelease, clipboard, notifications, events, calls, hotkeyStates, rendererSettled };
}

describe('a dictation recorded by the overlay', () => {
  it('hold and release: main copies exactly the code of the request the overlay started', async () => {
    const { shell, hotkeys, keyRelease, clipboard, events, hotkeyStates, rendererSettled } = setup();
    hotkeys.press(HOTKEY);
    await rendererSettled();
    keyRelease.release('Space');
    expect(hotkeyStates).toEqual(['down', 'up']);
    events.emit('pipeline.event', { requestId: 99, event: { type: 'result', result: result({ code: 'someone else' }) } });
    events.emit('pipeline.event', { requestId: 11, event: { type: 'result', result: result() } });
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([CODE]);
  });

  it('when the renderer is in toggle mode, a second "down" stops its recording', async () => {
    const { hotkeys, keyRelease, hotkeyStates, rendererSettled } = setup('toggle');
    hotkeys.press(HOTKEY);
    await rendererSettled();
    keyRelease.release('Space');
    expect(hotkeyStates).toEqual(['down', 'down']);
  });

  it('Esc tells the overlay and asks the app to cancel that request, freeing its session', async () => {
    const { shell, hotkeys, clipboard, calls, hotkeyStates, rendererSettled, events } = setup();
    hotkeys.press(HOTKEY);
    await rendererSettled();
    hotkeys.press('Escape');
    await Promise.resolve();
    expect(hotkeyStates).toEqual(['down', 'cancel']);
    expect(calls).toContainEqual({ method: 'request.cancel', params: { requestId: 11 } });
    events.emit('pipeline.event', { requestId: 11, event: { type: 'result', result: result() } });
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([]);
  });

  it('a pipeline error is reported with its message and nothing is copied', async () => {
    const { shell, hotkeys, keyRelease, clipboard, notifications, events, rendererSettled } = setup();
    hotkeys.press(HOTKEY);
    await rendererSettled();
    keyRelease.release('Space');
    events.emit('pipeline.event', { requestId: 11, event: { type: 'error', error: { code: 'QUOTA', message: 'The Gemini quota is used up; try again in a minute.', retryable: true } } });
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([]);
    expect(notifications.last).toBe('The Gemini quota is used up; try again in a minute.');
  });

  it('if the overlay never starts recording, the user is told to check the microphone', async () => {
    const { shell, hotkeys, keyRelease, notifications } = setup('push-to-talk', false);
    hotkeys.press(HOTKEY);
    keyRelease.release('Space');
    await shell.dictation.settled();
    expect(notifications.last).toMatch(/Recording did not start .* microphone/);
    expect(shell.dictation.dictationState).toBe('idle');
  });
});

describe('a dictation the overlay could not start', () => {
  it('is reported while the key is still held, and the next press starts afresh', async () => {
    const events = new AppEvents();
    const router = new ApiRouter(new Proxy({} as MethodHandlers, { get: () => () => ({ ok: true }) }));
    const bridge = new RendererDictation({
      sendHotkeyState: () => undefined, captureClientId: () => OVERLAY, rendererMode: () => 'push-to-talk', router, events, logger: silentLogger,
    });
    const hotkeys = new FakeHotkeys();
    const notifications = new FakeNotifications();
    const shell = new DesktopShell({
      app: { runQuick: () => Promise.reject(new Error('unused')) }, starter: bridge,
      settings: () => ({ hotkey: { accelerator: HOTKEY, mode: 'push-to-talk' }, output: { copyFullAnswer: false } }),
      hotkeys, keyRelease: new FakeKeyRelease(), clipboard: new FakeClipboard(), windows: new FakeWindows(), notifications, logger: silentLogger, quit: () => undefined,
    });
    shell.configure();
    hotkeys.press(HOTKEY);
    bridge.observeCall('dictation.start', OVERLAY, { ok: false, error: { code: 'NO_API_KEY', message: 'Add a Gemini API key in Settings.', retryable: false } });
    await Promise.resolve();
    expect(notifications.last).toBe('Add a Gemini API key in Settings.');
    expect(shell.dictation.dictationState).toBe('idle');
    hotkeys.press(HOTKEY);
    expect(shell.dictation.dictationState).toBe('recording');
  });
});
