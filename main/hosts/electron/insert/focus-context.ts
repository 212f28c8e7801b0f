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

