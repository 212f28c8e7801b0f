// The desktop overlay's result buttons: asks main to paste, copy, open or dismiss a result, and follows which keyboard chords are live.
import type { Api, ResultAction } from '../../../preload/contract';
import { StateStore } from './state-store';

export interface OverlayActionsState {
  /** The request whose chords are live, with them (action -> accelerator); empty when none are. */
  requestId: number | null;
  keys: Partial<Record<ResultAction, string>>;
  /** What the last action said when it could not do it ("Nothing pasted: ..."). */
  message: string | null;
}

export class OverlayActions extends StateStore<OverlayActionsState> {
  private readonly off: () => void;

  constructor(private readonly api: Api) {
    super({ requestId: null, keys: {}, message: null });
    this.off = api.on('overlay.keys', (payload) => this.patch({ requestId: payload.requestId, keys: payload.keys as Partial<Record<ResultAction, string>> }));
  }

  /** The chord for an action on this request, when one is registered. */
  keyFor(requestId: number | null, action: ResultAction): string | undefined {
    const state = this.getState();
    return requestId !== null && state.requestId === requestId ? state.keys[action] : undefined;
  }

  async run(requestId: number, action: ResultAction): Promise<boolean> {
    try {
      const outcome = await this.api.call('result.action', { requestId, action });
      this.patch({ message: outcome.ok ? null : outcome.message ?? null });
      return outcome.ok;
    } catch (error) {
      this.patch({ message: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  dispose(): void {
    this.off();
  }
}
