// The overlay window's renderer reduced to its IPC calls, for desktop-shell tests on the real app: main's RendererDictation follows it.
import type { App } from '../../main/app/create-app.js';
import { silentLogger } from '../../main/core/logger.js';
import { AudioIntake } from '../../main/hosts/audio-intake.js';
import { MAIN_URL } from '../../main/hosts/electron/logic/app-origin.js';
import { IpcGuard } from '../../main/hosts/electron/logic/ipc-guard.js';
import { RendererDictation } from '../../main/hosts/electron/logic/renderer-dictation.js';

/** The overlay's client id, as the Electron host names a window's webContents. */
export const OVERLAY = 'window:2';

export interface OverlayOverIpc {
  /** Main's starter for the desktop shell: follows the overlay's dictation by the id its dictation.start returned. */
  bridge: RendererDictation;
  /** The IPC guard every overlay call passes (its stats count what it rejected). */
  guard: IpcGuard;
  /** Resolves when the overlay's calls so far are answered (after "down": the start and all its audio sent). */
  calls(): Promise<unknown>;
}

/**
 * The overlay's renderer as main sees it over IPC: on the hotkey's "down" it calls dictation.start and streams `audio`
 * (100 ms chunks, the intake's clock moving 100 ms a chunk), on "up" it calls dictation.stop. With `startParams`, each
 * dictation.start first goes through the bridge's prepareCall (which adds the selection for edit by voice) and its
 * prepared params are recorded there.
 */
export function overlayOverIpc(app: App, audio: Uint8Array[], options: { startParams?: unknown[] } = {}): OverlayOverIpc {
  const own = { url: `${MAIN_URL}?view=overlay`, isTopFrame: true };
  const { startParams } = options;
  let clock = 0;
  const guard: IpcGuard = new IpcGuard({
    router: app.router,
    onAudio: (id, pcm, clientId) => app.onAudio(id, pcm, clientId),
    logger: silentLogger,
    ...(startParams
      ? {
          prepare: async (method: string, clientId: string, params: unknown) => {
            const prepared = await bridge.prepareCall(method, clientId, params);
            if (method === 'dictation.start') startParams.push(prepared);
            return prepared;
          },
        }
      : {}),
    onOutcome: (m, c, o) => bridge.observeCall(m, c, o),
    audioIntake: new AudioIntake({ now: () => (clock += 100) }),
  });
  let rendererRequest = 0;
  const renderer: Promise<unknown>[] = [];
  const bridge = new RendererDictation({
    sendHotkeyState: (state) => {
      if (state === 'down') {
        renderer.push(
          guard.invoke('dictation.start', own, [{}], OVERLAY).then((o) => {
            rendererRequest = o.ok ? (o.result as { requestId: number }).requestId : 0;
            for (const chunk of audio) guard.audio(own, [rendererRequest, chunk.slice().buffer], OVERLAY);
          }),
        );
      } else if (state === 'up') {
        renderer.push(Promise.all(renderer).then(() => guard.invoke('dictation.stop', own, [{ requestId: rendererRequest }], OVERLAY)));
      }
    },
    captureClientId: () => OVERLAY,
    rendererMode: () => 'push-to-talk',
    router: app.router,
    events: app.events,
    logger: silentLogger,
  });
  return { bridge, guard, calls: () => Promise.all(renderer) };
}
