// What the overlay's result buttons and chords do (result.action): paste into the app in front, copy, open in the main window, apply an edit, dismiss.
import type { ResultAction } from '../../../../preload/contract.js';
import type { Logger } from '../../../core/logger.js';
import type { NotificationService } from '../services/notification-service.js';
import type { WindowService } from '../services/window-service.js';
import type { CopyOutcome } from './clipboard-output.js';
import type { RecentResults } from './recent-results.js';
import type { DeliveryOutcome } from './result-delivery.js';

export interface ActionOutcome {
  ok: boolean;
  message?: string;
}

export interface ResultActionsOptions {
  recent: RecentResults;
  /** Pastes into the app that has focus now: the overlay never takes it, so that is the user's app. */
  pasteHere: (text: string) => Promise<DeliveryOutcome>;
  copyAgain: (text: string) => Promise<CopyOutcome>;
  windows: WindowService;
  notifications: NotificationService;
  logger: Logger;
  /** Applies an edit over the selection it was made for (the edit issue's apply path); absent: Apply is not offered. */
  apply?: (requestId: number) => Promise<ActionOutcome>;
  /** A finished edit held for Apply (never copied by itself): its replacement, for Copy; and forgetting it, for Dismiss. */
  heldEdit?: { replacement(requestId: number): string | undefined; discard(requestId: number): unknown };
  /** How long the overlay stays after a paste or copy from its buttons, so the user sees it worked. */
  lingerMs: () => number;
}

const GONE = 'That result is no longer here: copy it again from History.';

export class ResultActions {
  constructor(private readonly options: ResultActionsOptions) {}

  async run(requestId: number, action: ResultAction): Promise<ActionOutcome> {
    const { recent, windows } = this.options;
    const held = this.options.heldEdit?.replacement(requestId);
    const item = recent.get(requestId) ?? (held !== undefined ? { text: held, historyId: null, edit: true } : undefined);
    switch (action) {
      case 'dismiss':
        this.options.heldEdit?.discard(requestId);
        windows.hideOverlay(0);
        return { ok: true };
      case 'open-main':
        windows.showMain('history', item?.historyId !== undefined && item.historyId !== null ? { historyId: item.historyId } : undefined);
        windows.hideOverlay(0);
        return { ok: true };
      case 'copy': {
        if (item === undefined) return { ok: false, message: GONE };
        const outcome = await this.options.copyAgain(item.text);
        this.hideAfterUse();
        return { ok: outcome.copied, message: outcome.message };
      }
      case 'paste': {
        if (item === undefined) return { ok: false, message: GONE };
        // An edit is applied over its selection, never pasted where the cursor happens to be.
        if (item.edit && this.options.apply) return this.run(requestId, 'apply');
        const outcome = await this.options.pasteHere(item.text);
        this.options.notifications.show({ title: outcome.pasted ? 'Pasted' : outcome.copied ? 'Copied' : 'Nothing pasted', body: outcome.message });
        this.hideAfterUse();
        return { ok: outcome.pasted === true, message: outcome.message };
      }
      case 'apply': {
        if (!this.options.apply) return { ok: false, message: 'There is no edit to apply here: copy the code instead.' };
        const outcome = await this.options.apply(requestId);
        this.hideAfterUse();
        return outcome;
      }
    }
  }

  private hideAfterUse(): void {
    const linger = this.options.lingerMs();
    this.options.windows.hideOverlay(linger > 0 ? Math.min(linger, 1_500) : 1_500);
  }
}
