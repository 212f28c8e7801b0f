// The last few complete results, newest first, for the tray's click-to-copy list.
import type { PipelineResult } from '../../../../preload/contract.js';

export interface RecentResult {
  requestId: number;
  label: string;
  text: string;
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
    this.items = [{ requestId, label: labelFor(result), text: copiedText }, ...this.items.filter((i) => i.requestId !== requestId)].slice(0, this.limit);
  }

  list(): readonly RecentResult[] {
    return this.items;
  }
}
