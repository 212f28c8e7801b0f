// Decides where push-to-talk can observe the hotkey's release (uiohook-napi) and says why not elsewhere.

export interface KeyReleaseEnvironment {
  platform: NodeJS.Platform;
  /** XDG_SESSION_TYPE and WAYLAND_DISPLAY from the environment. */
  sessionType?: string;
  waylandDisplay?: string;
  /** DISPLAY: uiohook aborts the whole process when it cannot open the X display, so it is never started without one. */
  display?: string;
  /** macOS: systemPreferences.isTrustedAccessibilityClient(false). */
  accessibilityTrusted?: boolean;
}

export type KeyReleaseSupport = { available: true } | { available: false; reason: string };

export function keyReleaseSupport(env: KeyReleaseEnvironment): KeyReleaseSupport {
  if (env.platform === 'win32') return { available: true };
  if (env.platform === 'darwin') {
    return env.accessibilityTrusted === false
      ? { available: false, reason: 'macOS only reports key releases to apps allowed under System Settings > Privacy & Security > Accessibility; allow Voice CodeGen there and restart it' }
      : { available: true };
  }
  if (env.platform === 'linux') {
    if (env.sessionType === 'wayland' || (env.waylandDisplay ?? '') !== '') {
      // uiohook reads X11 events; under Wayland it sees only XWayland windows, so a release in a native window is missed.
      return { available: false, reason: 'Wayland does not let an app watch keys pressed in other windows' };
    }
    if ((env.display ?? '') === '') return { available: false, reason: 'there is no X11 display (DISPLAY is not set) to watch keys on' };
    return { available: true };
  }
  return { available: false, reason: `key releases are not supported on ${env.platform}` };
}
