// The short label a history entry shows beside its time: what went wrong, or that the app stopped while it ran.
import type { HistoryEntry } from '../../../preload/contract';

export function historyProblemLabel(entry: Pick<HistoryEntry, 'status' | 'errorCode'>): string | null {
  if (entry.status === 'interrupted') return 'Interrupted';
  if (entry.status === 'pending') return 'In progress';
  return entry.errorCode;
}
