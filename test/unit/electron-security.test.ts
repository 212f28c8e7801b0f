// The Electron security checklist, asserted on the very options and functions the host hands to Electron.
import { describe, expect, it } from 'vitest';
import { ApiRouter, type MethodHandlers } from '../../main/app/api-router.js';
import { silentLogger } from '../../main/core/logger.js';
import { CONTENT_SECURITY_POLICY } from '../../main/hosts/web/csp.js';
import { APP_ORIGIN, isOwnUrl, MAIN_URL } from '../../main/hosts/electron/logic/app-origin.js';
import { resolveAppRequest } from '../../main/hosts/electron/logic/app-protocol.js';
import { IpcGuard } from '../../main/hosts/electron/logic/ipc-guard.js';
import { secureSession, type SessionLike } from '../../main/hosts/electron/logic/security-wiring.js';
import { IPC_INVOKE_PREFIX } from '../../preload/contract.js';
import { fakeWindowManager as windowManager } from './fake-browser-window.js';

const OWN = { url: MAIN_URL, isTopFrame: true };

function guardWithRouter() {
  const calls: string[] = [];
  const audio: { requestId: number; bytes: number }[] = [];
  const handlers = new Proxy({} as MethodHandlers, {
    get: (_t, method: string) => (params: unknown) => {
      calls.push(method);
      return method === 'request.text' ? { requestId: 7 } : { ok: true, echo: params };
    },
  });
  const router = new ApiRouter(handlers);
  const guard = new IpcGuard({ router, onAudio: (requestId, pcm) => audio.push({ requestId, bytes: pcm.byteLength }), logger: silentLogger });
  return { guard, router, calls, audio };
}

describe('IPC guard', () => {
  it('passes a valid call from our window to the router', async () => {
    const { guard, calls } = guardWithRouter();
    const outcome = await guard.invoke('request.text', OWN, [{ text: 'write a function' }], 'window:1');
    expect(outcome).toEqual({ ok: true, result: { requestId: 7 } });
    expect(calls).toEqual(['request.text']);
    expect(guard.stats.accepted).toBe(1);
  });

  it('rejects and counts a call from a foreign frame, a sub-frame or a destroyed frame, without reaching the app', async () => {
    const { guard, calls } = guardWithRouter();
    for (const sender of [
      { url: 'https://evil.example/index.html', isTopFrame: true },
      { url: 'file:///etc/passwd', isTopFrame: true },
      { url: 'vcg://app.evil/index.html', isTopFrame: true },
      { url: `${APP_ORIGIN}/index.html`, isTopFrame: false },
      { url: undefined, isTopFrame: true },
    ]) {
      const outcome = await guard.invoke('request.text', sender, [{ text: 'x' }], 'window:1');
      expect(outcome).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(calls).toEqual([]);
    expect(guard.stats.rejectedSender).toBe(5);
  });

  it('rejects and counts a bad payload with a message naming the field, without reaching the app', async () => {
    const { guard, router, calls } = guardWithRouter();
    const bad = await guard.invoke('request.text', OWN, [{ text: 42 }], 'window:1');
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/text/) as unknown } });
    const extra = await guard.invoke('request.text', OWN, [{ text: 'ok', shell: 'rm -rf /' }], 'window:1');
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await guard.invoke('app.eval', OWN, [{}], 'window:1');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const twoArgs = await guard.invoke('app.info', OWN, [{}, {}], 'window:1');
    expect(twoArgs).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls).toEqual([]);
    expect(guard.stats.rejectedPayload).toBe(4);
    expect(router.stats.rejected).toBe(3);
  });

  it('forwards audio chunks from our window and drops malformed or foreign ones', () => {
    const { guard, audio } = guardWithRouter();
    expect(guard.audio(OWN, [3, new ArrayBuffer(3200)], 'window:1')).toBe(true);
    expect(guard.audio({ url: 'https://evil.example/', isTopFrame: true }, [3, new ArrayBuffer(3200)], 'w')).toBe(false);
    expect(guard.audio(OWN, [3, new ArrayBuffer(3201)], 'w')).toBe(false); // odd bytes: not PCM16
    expect(guard.audio(OWN, [0, new ArrayBuffer(2)], 'w')).toBe(false);
    expect(guard.audio(OWN, ['3', new ArrayBuffer(2)], 'w')).toBe(false);
    expect(guard.audio(OWN, [3, [1, 2, 3, 4]], 'w')).toBe(false); // JSON numbers are never audio
    expect(guard.audio(OWN, [3, new ArrayBuffer(1024 * 1024)], 'w')).toBe(false);
    expect(audio).toEqual([{ requestId: 3, bytes: 3200 }]);
    expect(guard.stats).toMatchObject({ rejectedSender: 1, rejectedAudio: 5 });
  });

  it('uses one invoke channel per contract method', () => {
    expect(IpcGuard.channel('app.info')).toBe(`${IPC_INVOKE_PREFIX}app.info`);
  });
});


const HARDENED = {
  preload: '/app/dist/preload/index.cjs',
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
  devTools: false,
};

describe('windows', () => {
  it('the main window is created with the hardened webPreferences and loads our origin only', () => {
    const { manager, created } = windowManager();
    manager.showMain();
    expect(created[0]?.options.webPreferences).toEqual(HARDENED);
    expect(created[0]?.loaded).toEqual(['vcg://app/index.html']);
    expect(created[0]?.options.show).toBe(false);
  });

  it('the overlay is hardened the same way, frameless, on top, off the taskbar, on the cursor screen, shown without focus', () => {
    const { manager, created } = windowManager();
    manager.showOverlay();
    const overlay = created[0];
    expect(overlay?.options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, focusable: false, x: 1920 + 1920 - 440 - 24, y: 1040 - 120 - 24, width: 440, height: 120 });
    expect(overlay?.options.webPreferences).toEqual(HARDENED);
    expect(overlay?.loaded).toEqual(['vcg://app/index.html?view=overlay']);
    expect(overlay?.alwaysOnTop).toBe('screen-saver');
    expect(overlay?.allWorkspaces).toBe(true);
    expect(overlay?.visible).toBe(true);
    manager.hideOverlay(0);
    expect(overlay?.visible).toBe(false);
  });

  it('every window blocks navigation, new windows and webviews', () => {
    const { manager, created, guard } = windowManager();
    manager.showMain();
    const contents = created[0]?.webContents;
    let prevented = 0;
    const event = { preventDefault: () => prevented++ };
    contents?.emit('will-navigate', event, 'https://evil.example/');
    contents?.emit('will-redirect', event, 'https://evil.example/');
    contents?.emit('will-attach-webview', event);
    expect(prevented).toBe(3);
    expect(contents?.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(guard.stats).toEqual({ blockedNavigations: 2, deniedWindows: 1 });
  });

  it('started hidden, the main window is created but not shown, and still hides to the tray when closed', () => {
    const { manager, created } = windowManager();
    manager.prepareMain(false);
    const win = created[0];
    win?.fire('ready-to-show');
    expect(win?.visible).toBe(false);
    let prevented = false;
    win?.fire('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    manager.showMain('history');
    expect(win?.visible).toBe(true);
    expect(win?.loaded).toEqual(['vcg://app/index.html', 'vcg://app/index.html?tab=history']);
    expect(created).toHaveLength(1);
  });

  it('closing the main window hides it to the tray; a closed renderer frees what it had open', () => {
    const { manager, created, closedClients } = windowManager();
    manager.showMain();
    const win = created[0];
    let prevented = false;
    win?.fire('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    win?.fire('closed');
    expect(closedClients).toEqual(['window:1']);
  });
});

class FakeSession implements SessionLike {
  permissionRequest: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
  permissionCheck: Parameters<SessionLike['setPermissionCheckHandler']>[0] | undefined;
  device: (() => boolean) | undefined;
  headers: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | undefined;
  setPermissionRequestHandler(h: NonNullable<FakeSession['permissionRequest']>): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: NonNullable<FakeSession['permissionCheck']>): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: () => boolean): void {
    this.device = h;
  }
  webRequest = { onHeadersReceived: (h: NonNullable<FakeSession['headers']>) => void (this.headers = h) };
}

describe('session', () => {
  const session = new FakeSession();
  const stats = secureSession(session, silentLogger);
  const ask = (permission: string, details: { requestingUrl?: string; mediaTypes?: string[] }): boolean => {
    let granted: boolean | undefined;
    session.permissionRequest?.({}, permission, (g) => (granted = g), details);
    return granted as boolean;
  };

  it('grants the microphone to our origin only, and nothing else to anyone', () => {
    expect(ask('media', { requestingUrl: MAIN_URL, mediaTypes: ['audio'] })).toBe(true);
    expect(ask('media', { requestingUrl: MAIN_URL, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(ask('media', { requestingUrl: MAIN_URL, mediaTypes: ['video'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'file:///index.html', mediaTypes: ['audio'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'midiSysex', 'display-capture']) {
      expect(ask(p, { requestingUrl: MAIN_URL })).toBe(false);
    }
    expect(stats.deniedPermissions).toBe(11);
  });

  it('permission checks answer the same way', () => {
    expect(session.permissionCheck?.({}, 'media', APP_ORIGIN, { mediaType: 'audio', requestingUrl: MAIN_URL })).toBe(true);
    expect(session.permissionCheck?.({}, 'media', 'https://evil.example', { mediaType: 'audio', requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(session.permissionCheck?.({}, 'media', APP_ORIGIN, { mediaType: 'video', requestingUrl: MAIN_URL })).toBe(false);
    expect(session.permissionCheck?.({}, 'clipboard-read', APP_ORIGIN, { requestingUrl: MAIN_URL })).toBe(false);
    expect(session.device?.()).toBe(false);
  });

  it('every HTTP response gets our CSP, replacing one a server sent', () => {
    let out: Record<string, string[]> | undefined;
    session.headers?.({ responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, (r) => (out = r.responseHeaders));
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Content-Type-Options': ['nosniff'] });
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    // Electron talks to main over IPC only: connect-src is our own origin and nothing else (no loopback ports).
    expect(/connect-src ([^;]*)/.exec(CONTENT_SECURITY_POLICY)?.[1]?.trim()).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
});

describe('the app protocol', () => {
  const dir = '/opt/app/dist/renderer';

  it('serves files of dist/renderer with our CSP', () => {
    const target = resolveAppRequest(dir, 'vcg://app/assets/index-abc.js');
    expect(target).toEqual({
      ok: true,
      file: '/opt/app/dist/renderer/assets/index-abc.js',
      headers: { 'Content-Type': ['text/javascript; charset=utf-8'], 'Cache-Control': ['no-cache'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Content-Type-Options': ['nosniff'] },
    });
    expect(resolveAppRequest(dir, 'vcg://app/')).toMatchObject({ ok: true, file: '/opt/app/dist/renderer/index.html' });
  });

  it('never serves a file outside dist/renderer or another host', () => {
    // The URL parser already folds dot segments back into the root...
    expect(resolveAppRequest(dir, 'vcg://app/%2e%2e/%2e%2e/package.json')).toMatchObject({ ok: true, file: '/opt/app/dist/renderer/package.json' });
    // ...and an encoded slash that survives it is caught after decoding.
    expect(resolveAppRequest(dir, 'vcg://app/..%2f..%2fmain/electron.cjs')).toEqual({ ok: false, status: 403 });
    expect(resolveAppRequest(dir, 'vcg://other/index.html')).toEqual({ ok: false, status: 403 });
  });

  it('recognises our origin and nothing that imitates it', () => {
    expect(isOwnUrl('vcg://app/index.html?view=overlay')).toBe(true);
    for (const u of ['vcg://app.evil/', 'vcg://user@app/', 'vcg://app:81/', 'http://app/', 'file:///app/index.html', '', undefined, 'not a url']) {
      expect(isOwnUrl(u)).toBe(false);
    }
  });
});
