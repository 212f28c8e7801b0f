// The last few complete results, newest first, for the tray's click-to-copy list.
import type { PipelineResult } from '../../../../preload/contract.js';

export interface RecentResult {
  requestId: number;
  label: string;
  text: string;
  /** The history entry it came from (the overlay's "Open in the main window"). */
  historyId: number | null;
  /** An edit's result (Apply pastes it over the selection). */
  edit: boolean;
}

function labelFor(result: PipelineResult): string {
  const source = result.transcript.trim() || result.code.split('\n')[0] || result.intent;
  const short = source.replace(/\s+/g, ' ');
  return short.length > 48 ? `${short.slice(0, 47)}…` : short;
}

export class RecentResults {
  private items: RecentResult[] = [];

  constructor(private readonly limit = 5) {}

  add(requestId: number, result: PipelineResult, copiedText: string): void {
    this.items = [{ requestId, label: labelFor(result), text: copiedText, historyId: result.historyId, edit: result.edit !== undefined }, ...this.items.filter((i) => i.requestId !== requestId)].slice(0, this.limit);
  }

  get(requestId: number): RecentResult | undefined {
    return this.items.find((i) => i.requestId === requestId);
  }

  list(): readonly RecentResult[] {
    return this.items;
  }
}
