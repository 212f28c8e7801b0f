// KeyReleaseSource on uiohook-napi (optional dependency, loaded only inside Electron; Node tests never load it).
import { createRequire } from 'node:module';
import type { Logger } from '../../core/logger.js';
import type { KeyReleaseSupport } from './logic/key-release-support.js';
import type { KeyReleaseSource } from './services/key-release-source.js';

interface UiohookModule {
  uIOhook: {
    on(event: 'keyup', listener: (e: { keycode: number }) => void): unknown;
    start(): void;
    stop(): void;
  };
  UiohookKey: Record<string, number>;
}

function unavailable(reason: string): KeyReleaseSource {
  return { available: false, reason, onRelease: () => () => undefined, dispose: () => undefined };
}

export function createUiohookKeyRelease(support: KeyReleaseSupport, logger: Logger): KeyReleaseSource {
  if (!support.available) return unavailable(support.reason);
  let mod: UiohookModule;
  try {
    // Loaded at run time so a machine without the optional module still starts (in toggle mode).
    mod = createRequire(__filename)('uiohook-napi') as UiohookModule;
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'uiohook-napi unavailable');
    return unavailable('the native key-event module (uiohook-napi) is not installed');
  }
  const listeners = new Map<number, Set<() => void>>();
  mod.uIOhook.on('keyup', (e) => {
    for (const l of [...(listeners.get(e.keycode) ?? [])]) l();
  });
  try {
    mod.uIOhook.start();
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'uiohook could not start');
    return unavailable('the system refused the key-event hook');
  }
  let running = true;
  return {
    available: true,
    reason: undefined,
    onRelease(key, listener) {
      const code = mod.UiohookKey[key];
      if (code === undefined) return () => undefined;
      const set = listeners.get(code) ?? new Set();
      listeners.set(code, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    dispose() {
      if (!running) return;
      running = false;
      listeners.clear();
      mod.uIOhook.stop();
    },
  };
}
