// The pipeline's HistoryPort over the SQLite HistoryStore.
import type { HistoryStore } from '../../store/history.js';
import type { HistoryPatch, HistoryPort } from '../../pipeline/ports.js';
import type { StageTimings } from '../../../preload/contract.js';

function timingsRecord(timings: StageTimings): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(timings)) if (typeof v === 'number') out[k] = Math.round(v * 10) / 10;
  return out;
}

export class HistoryPortAdapter implements HistoryPort {
  constructor(private readonly store: HistoryStore) {}

  create(entry: { requestId: string; transcript: string; source: string }): Promise<number> {
    return this.store.begin({ requestId: entry.requestId, transcript: entry.transcript });
  }

  update(requestId: string, patch: HistoryPatch): Promise<void> {
    const failed = patch.errorCode !== undefined && patch.errorCode !== null;
    return this.store.update(requestId, {
      ...(patch.intent !== undefined ? { intent: patch.intent } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.timings !== undefined ? { timings: timingsRecord(patch.timings) } : {}),
      ...(patch.cachedTier !== undefined ? { cached: patch.cachedTier !== null, ...(patch.cachedTier !== null ? { cacheTier: patch.cachedTier } : {}) } : {}),
      ...(failed ? { error: { code: patch.errorCode as string, message: patch.errorMessage ?? '' } } : {}),
      ...(patch.complete === true && !failed ? { status: 'done' as const } : {}),
      ...(patch.check !== undefined ? { check: patch.check } : {}),
      ...(patch.edit !== undefined ? { edit: patch.edit } : {}),
    });
  }

  reuse(requestId: string, answer: { code: string; language: string }): Promise<number | undefined> {
    return this.store.reuse(requestId, answer);
  }

  /** Oldest first, as the prompt lists them ("the most recent earlier request" is the last one). */
  recent(limit: number): readonly { transcript: string; code: string | null }[] {
    return this.store.recentTexts(limit).reverse();
  }
}
