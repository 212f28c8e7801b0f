// The main window and the dictation overlay as the logic sees them.
import type { EventName, EventPayload } from '../../../../preload/contract.js';

export type MainView = 'home' | 'history' | 'settings';

export interface WindowService {
  /** focus.historyId: the History view opens that entry (the overlay's "Open in the main window"). */
  showMain(view?: MainView, focus?: { historyId?: number }): void;
  /** Shows the small always-on-top overlay on the screen under the cursor, without taking focus. */
  showOverlay(): void;
  /** Gives the overlay this size (overlay-size.ts), kept on the screen under the cursor; the next showOverlay uses it too. */
  resizeOverlay(size: { width: number; height: number }): void;
  /** Hides the overlay after a delay (0: now); a later showOverlay cancels it. */
  hideOverlay(afterMs?: number): void;
  /** Sends a contract event to every open window. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
  dispose(): void;
}
