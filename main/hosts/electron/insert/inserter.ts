// The one interface every platform's paste path implements: is paste possible here, which app had focus, paste into it.
import type { PasteShortcut } from './paste-shortcut.js';

export type InsertPlatform = 'x11' | 'wayland' | 'macos' | 'windows' | 'unsupported';

/** Why paste cannot happen; the outcome's message says what to do about it. */
export type InsertUnavailableReason = 'no-tool' | 'no-permission' | 'no-display' | 'unsupported-platform' | 'no-compositor-support';

export interface InsertAvailability {
  available: boolean;
  reason?: InsertUnavailableReason;
  /** One sentence for settings and notifications: what works, or what is missing and how to fix it. */
  message: string;
  /** The keystroke tool in use (xdotool, wtype, ydotool, osascript, powershell). */
  tool?: string;
}

/** The app that had focus when dictation started. */
export interface InsertTarget {
  /** What the platform re-focuses: an X11 window id, a Windows HWND, a macOS bundle id. Absent on Wayland. */
  handle?: string;
  /** Names matched against the terminal list and the per-app overrides: window class, process name, app name, bundle id. */
  names: readonly string[];
  /** Window title: picks the app's profile locally (an editor's file); sent to Gemini only when the user allows it. */
  title?: string;
  /** The app or process name ("xterm", "code", "Slack"), when the platform tells it. */
  app?: string;
  /** X11 WM_CLASS class, macOS bundle id. */
  windowClass?: string;
}

export interface InsertOptions {
  shortcut: PasteShortcut;
  signal?: AbortSignal;
}

export interface Inserter {
  readonly platform: InsertPlatform;
  /** The keys this platform pastes with, in an app and in a terminal. */
  readonly shortcuts: { readonly normal: PasteShortcut; readonly terminal: PasteShortcut };
  /** Whether paste can work here now (tools present, permission granted); never throws. */
  detect(signal?: AbortSignal): Promise<InsertAvailability>;
  /** At hotkey down, before our overlay shows: the focused app, or undefined when it cannot be known. */
  captureTarget(signal?: AbortSignal): Promise<InsertTarget | undefined>;
  /**
   * Makes text appear at the target's cursor. The caller has already put text on the clipboard: every
   * inserter sends the paste keystroke to the target (focusing it first where the platform allows), since
   * typing code character by character fights editors' auto-indent and bracket completion. Without a target
   * it pastes into whatever has focus now (tray "paste here"). Throws AppError with details.reason.
   */
  insert(target: InsertTarget | undefined, text: string, options: InsertOptions): Promise<void>;
}
