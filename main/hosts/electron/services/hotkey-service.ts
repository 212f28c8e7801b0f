// The global hotkey as the dictation logic sees it (Electron: globalShortcut, which reports key presses only).
export interface HotkeyService {
  /** Registers a system-wide accelerator; false when the OS or another app holds it. */
  register(accelerator: string, onPress: () => void): boolean;
  unregister(accelerator: string): void;
  unregisterAll(): void;
}
