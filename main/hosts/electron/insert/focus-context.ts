// The paste target captured at hotkey down, read as a focus context (app, class, title) for picking the app's profile.
import type { FocusContext } from '../../../profiles/profiles.js';
import type { InsertTarget } from './inserter.js';

/** Wayland's target has no handle and no names: the focused app cannot be known there. */
export function focusContextOf(target: InsertTarget | undefined): FocusContext {
  if (target === undefined || (target.handle === undefined && target.names.length === 0)) return { available: false, names: [] };
  return {
    available: true,
    names: target.names,
    ...(target.app !== undefined ? { app: target.app } : {}),
    ...(target.windowClass !== undefined ? { windowClass: target.windowClass } : {}),
    ...(target.title !== undefined ? { title: target.title } : {}),
  };
}

/** Said in Settings next to the profiles: what the platform lets us read at hotkey down. */
export function focusSupportMessage(platform: string): string {
  if (platform === 'wayland') return 'Focus context is not available on Wayland (the compositor does not tell apps which window has focus): profiles other than the default apply only when chosen in the overlay.';
  if (platform === 'unsupported') return 'Focus context is not available on this platform.';
  return 'The focused app and its window title are read at hotkey down to pick a profile.';
}
