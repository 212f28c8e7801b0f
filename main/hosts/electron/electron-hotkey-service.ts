// HotkeyService on Electron's globalShortcut (key presses only; releases come from uiohook-key-release.ts).
import { globalShortcut } from 'electron';
import type { HotkeyService } from './services/hotkey-service.js';

export function createElectronHotkeyService(): HotkeyService {
  return {
    register(accelerator, onPress) {
      try {
        // false when another app holds it; throws for an accelerator Electron cannot parse.
        return globalShortcut.register(accelerator, onPress);
      } catch {
        return false;
      }
    },
    unregister(accelerator) {
      if (globalShortcut.isRegistered(accelerator)) globalShortcut.unregister(accelerator);
    },
    unregisterAll() {
      globalShortcut.unregisterAll();
    },
  };
}
