// Which paste path this machine has, found at start from the platform, the environment and PATH; shown in settings.
import type { InsertPlatform } from './inserter.js';
import type { Which } from './which.js';
import { XDOTOOL_INSTALL_HINT } from './xdotool-inserter.js';
import { WAYLAND_INSTALL_HINT } from './wayland-inserter.js';

export type KeystrokeTool = 'xdotool' | 'wtype' | 'ydotool' | 'osascript' | 'powershell';

export interface InsertSupport {
  platform: InsertPlatform;
  /** The tool that sends the paste keys, or null when none was found. */
  keystrokeTool: KeystrokeTool | null;
  /** Its path as found on PATH. */
  toolPath: string | null;
  /** xclip's path on X11 (the clipboard when no Electron clipboard is given). */
  xclipPath: string | null;
  /** Tools are present; on macOS the Accessibility permission is checked by the inserter's detect(). */
  canPaste: boolean;
  /** One sentence for settings: what works, or what to install. */
  message: string;
}

export function detectInsertSupport(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, which: Which): InsertSupport {
  const none = { keystrokeTool: null, toolPath: null, xclipPath: null, canPaste: false } as const;
  if (platform === 'darwin') {
    const osascript = which('osascript') ?? null;
    return osascript
      ? { ...none, platform: 'macos', keystrokeTool: 'osascript', toolPath: osascript, canPaste: true, message: 'Paste uses a ⌘V keystroke through System Events (needs Accessibility permission).' }
      : { ...none, platform: 'macos', message: 'osascript was not found, so paste is off: the code stays on the clipboard.' };
  }
  if (platform === 'win32') {
    const ps = which('powershell') ?? which('pwsh') ?? null;
    return ps
      ? { ...none, platform: 'windows', keystrokeTool: 'powershell', toolPath: ps, canPaste: true, message: 'Paste uses PowerShell SendKeys.' }
      : { ...none, platform: 'windows', message: 'PowerShell was not found on PATH, so paste is off: the code stays on the clipboard.' };
  }
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') {
    return { ...none, platform: 'unsupported', message: `Paste into other apps is not supported on ${platform}: the code stays on the clipboard.` };
  }
  // A Wayland session wins over DISPLAY: xdotool would reach only XWayland windows there.
  if (env.WAYLAND_DISPLAY || env.XDG_SESSION_TYPE === 'wayland') {
    const wtype = which('wtype');
    const ydotool = which('ydotool');
    if (wtype) return { ...none, platform: 'wayland', keystrokeTool: 'wtype', toolPath: wtype, canPaste: true, message: 'Paste uses wtype (Wayland).' };
    if (ydotool) return { ...none, platform: 'wayland', keystrokeTool: 'ydotool', toolPath: ydotool, canPaste: true, message: 'Paste uses ydotool (Wayland; ydotoold must be running).' };
    return { ...none, platform: 'wayland', message: `Paste is off on Wayland without a helper: the code stays on the clipboard. ${WAYLAND_INSTALL_HINT}` };
  }
  if (!env.DISPLAY) return { ...none, platform: 'x11', message: 'No graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set): the code stays on the clipboard.' };
  const xdotool = which('xdotool') ?? null;
  const xclipPath = which('xclip') ?? null;
  if (!xdotool) return { ...none, platform: 'x11', xclipPath, message: `xdotool is not installed, so paste is off: the code stays on the clipboard. ${XDOTOOL_INSTALL_HINT}` };
  return { platform: 'x11', keystrokeTool: 'xdotool', toolPath: xdotool, xclipPath, canPaste: true, message: 'Paste uses xdotool (X11).' };
}
