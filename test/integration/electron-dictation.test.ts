// The desktop shell on the real app and the Gemini simulator: hotkey dictation copies exactly the extracted code,
// Esc frees the session, a tray quick command works on the clipboard's text, and no key reaches a renderer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DictationHandle } from '../../main/app/app-types.js';
import { silentLogger } from '../../main/core/logger.js';
import { defaultCodeAnswer } from '../../main/gemini-sim/index.js';
import { MAIN_URL } from '../../main/hosts/electron/logic/app-origin.js';
import { DesktopShell } from '../../main/hosts/electron/logic/desktop-shell.js';
import { IpcGuard } from '../../main/hosts/electron/logic/ipc-guard.js';
import { SafeStorageSecretStore } from '../../main/hosts/electron/logic/secret-store.js';
import type { SecretPersistence } from '../../main/hosts/electron/services/secret-store.js';
import { methods, type MethodName, type PipelineResult } from '../../preload/contract.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { overlayOverIpc } from '../support/overlay-ipc.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';
import { FakeClipboard, FakeHotkeys, FakeKeyRelease, FakeNotifications, FakeWindows } from '../unit/electron-fakes.js';

const SPOKEN = 'write a function that reverses a string in python';
const HOTKEY = 'CommandOrControl+Shift+Space';
const KEY = 'AIzaSy-integration-secret-0123456789abcdef';

function memoryPersistence(): SecretPersistence & { text: string | undefined } {
  const p = {
    text: undefined as string | undefined,
    read: () => Promise.resolve(p.text),
    write: (t: string) => {
      p.text = t;
      return Promise.resolve();
    },
  };
  return p;
}

describe('the desktop shell on the real app', () => {
  let h: Harness;
  let audio: Uint8Array[];
  const clipboard = new FakeClipboard();
  const prompts: string[] = [];
  const secrets = new SafeStorageSecretStore(
    { isEncryptionAvailable: () => true, encryptString: (s) => Buffer.from(s).reverse(), decryptString: (b) => Buffer.from(b).reverse().toString() },
    memoryPersistence(),
    silentLogger,
  );

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    h = await startHarness({
      host: 'electron',
      prewarm: true,
      // A key shaped like Google's: the key saved in the test below is checked with a real call before it is stored.
      sim: { apiKeys: [KEY] },
      platform: { clipboard: { readText: () => clipboard.readText(), writeText: (t) => clipboard.writeText(t) }, secretStore: secrets },
    });
    audio = chunks100ms(speechPcm16(SPOKEN, { toneHz: 1100 }));
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    clipboard.writes.length = 0;
    prompts.length = 0;
    h.sim.resetStats();
    h.sim.setScripts([{ toneHz: 1100, partials: ['write a function ', 'that reverses a string ', 'in python'], final: SPOKEN }]);
    h.sim.setCodeAnswer((request) => {
      prompts.push(request.prompt);
      return defaultCodeAnswer(request);
    });
  });

  function shell() {
    const hotkeys = new FakeHotkeys();
    const keyRelease = new FakeKeyRelease();
    const notifications = new FakeNotifications();
    let handle: DictationHandle | undefined;
    const results: PipelineResult[] = [];
    const desktop = new DesktopShell({
      app: h.app,
      // The audio the overlay would send while the key is held is pushed into the same handle.
      starter: {
        start: () => {
          const real = h.app.startDictation();
          handle = real;
          return { requestId: real.requestId, push: (c) => real.push(c), cancel: () => real.cancel(), finish: () => real.finish().then((r) => (results.push(r), r)) };
        },
      },
      settings: () => ({ hotkey: { accelerator: HOTKEY, mode: 'push-to-talk' }, output: { copyFullAnswer: false } }),
      hotkeys, keyRelease, clipboard, windows: new FakeWindows(), notifications, logger: silentLogger, quit: () => undefined,
    });
    desktop.configure();
    return { desktop, hotkeys, keyRelease, notifications, results, speak: (chunks: Uint8Array[]) => chunks.forEach((c) => handle?.push(c)) };
  }

  it('push-to-talk: hold, speak, release; the clipboard receives exactly the extracted code', async () => {
    const { desktop, hotkeys, keyRelease, notifications, results, speak } = shell();
    hotkeys.press(HOTKEY);
    speak(audio);
    keyRelease.release('Space');
    await desktop.dictation.settled();
    const result = results[0];
    expect(result?.answer).toContain('```');
    expect(clipboard.writes).toEqual([result?.code]);
    expect(clipboard.writes[0]).not.toContain('```');
    expect(clipboard.writes[0]).toMatch(/def |return/);
    expect(notifications.last).toMatch(/^Copied \d+ lines? of python to the clipboard/);
    expect(h.sim.stats().live.turns.at(-1)?.samples).toBe(audio.reduce((n, c) => n + c.byteLength / 2, 0));
  });

  it('as in the desktop app, the overlay records: main follows its request over IPC and copies exactly the extracted code', async () => {
    // The overlay's renderer, reduced to what it does over IPC: start on "down", stream 100 ms chunks, stop on "up".
    const { bridge, guard, calls } = overlayOverIpc(h.app, audio);
    const hotkeys = new FakeHotkeys();
    const keyRelease = new FakeKeyRelease();
    const desktop = new DesktopShell({
      app: h.app, starter: bridge,
      settings: () => ({ hotkey: { accelerator: HOTKEY, mode: 'push-to-talk' }, output: { copyFullAnswer: false } }),
      hotkeys, keyRelease, clipboard, windows: new FakeWindows(), notifications: new FakeNotifications(), logger: silentLogger, quit: () => undefined,
    });
    desktop.configure();
    const results: PipelineResult[] = [];
    const unsubscribe = h.app.events.subscribe((event, payload) => {
      const p = payload as { requestId: number; event: { type: string; result?: PipelineResult } };
      if (event === 'pipeline.event' && p.event.type === 'result' && p.event.result && p.event.result.copied !== true) results.push(p.event.result);
    });
    hotkeys.press(HOTKEY);
    await calls();
    keyRelease.release('Space');
    await desktop.dictation.settled();
    unsubscribe();
    expect(guard.stats).toMatchObject({ rejectedSender: 0, rejectedPayload: 0, rejectedAudio: 0 });
    expect(results).toHaveLength(1);
    expect(clipboard.writes).toEqual([results[0]?.code]);
    expect(results[0]?.transcript).toBe(SPOKEN);
  });

  it('Esc cancels: nothing is generated or copied, and the next dictation gets a session and completes', async () => {
    const { desktop, hotkeys, keyRelease, speak } = shell();
    hotkeys.press(HOTKEY);
    speak(audio.slice(0, 5));
    hotkeys.press('Escape');
    await desktop.dictation.settled();
    expect(h.sim.stats().rest.requests.filter((r) => r.kind === 'streamGenerateContent')).toHaveLength(0);
    expect(clipboard.writes).toEqual([]);

    hotkeys.press(HOTKEY);
    speak(audio);
    keyRelease.release('Space');
    await desktop.dictation.settled();
    expect(clipboard.writes).toHaveLength(1);
  });

  it('a tray quick command runs its intent on the code on the clipboard and copies the answer', async () => {
    const { desktop } = shell();
    clipboard.text = 'function add(a, b) { return a + b }';
    await desktop.quick.run('add_types');
    expect(prompts.at(-1)).toContain('function add(a, b) { return a + b }');
    expect(clipboard.writes).toHaveLength(1);
    expect(clipboard.writes[0]).not.toContain('```');
  });

  it('a key saved through IPC is stored encrypted and no renderer-facing method ever returns it', async () => {
    const guard = new IpcGuard({ router: h.app.router, onAudio: () => undefined, logger: silentLogger });
    const own = { url: MAIN_URL, isTopFrame: true };
    const saved = await guard.invoke('settings.setApiKey', own, [{ instance: 'default', apiKey: KEY }], 'window:1');
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    // Bound to the instance's endpoint: pointing the instance elsewhere does not carry the key there.
    await expect(secrets.describe()).resolves.toMatchObject({ names: [expect.stringMatching(/^gemini:default:/)] });
    const readers: MethodName[] = ['app.info', 'settings.get', 'dashboard.get', 'history.search', 'history.export'];
    for (const method of readers) {
      const outcome = await guard.invoke(method, own, [{}], 'window:1');
      expect(outcome.ok, method).toBe(true);
      expect(JSON.stringify(outcome), method).not.toContain(KEY);
    }
    // Every method of the contract that takes no parameters was read above or changes state.
    expect(Object.keys(methods)).toEqual(expect.arrayContaining(readers));
  });

  it('a payload that does not match the contract never reaches the app and is counted', async () => {
    const guard = new IpcGuard({ router: h.app.router, onAudio: () => undefined, logger: silentLogger });
    const before = h.app.router.stats.rejected;
    const outcome = await guard.invoke('history.delete', { url: MAIN_URL, isTopFrame: true }, [{ id: 'all' }], 'window:1');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(guard.stats.rejectedPayload).toBe(1);
    expect(h.app.router.stats.rejected).toBe(before + 1);
  });
});
