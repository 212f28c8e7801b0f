// History: full-text search, open an entry, delete, clear and export, over the Api.
import type { Api, AppErrorPayload, HistoryEntry } from '../../../preload/contract';
import { toErrorPayload } from '../model/error-help';
import { StateStore } from './state-store';

export interface HistoryState {
  query: string;
  entries: HistoryEntry[];
  total: number;
  loading: boolean;
  error: AppErrorPayload | null;
  selected: HistoryEntry | null;
  /** The last export, for the download link. */
  exported: { json: string; at: number } | null;
  notice: string | null;
}

const PAGE = 50;

export class HistoryController extends StateStore<HistoryState> {
  private searchSeq = 0;
  private debounce: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly api: Api) {
    super({ query: '', entries: [], total: 0, loading: false, error: null, selected: null, exported: null, notice: null });
  }

  /** Typing in the search box: searches after a short pause. */
  setQuery(query: string): void {
    this.patch({ query });
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.search(), 150);
  }

  async search(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    const seq = ++this.searchSeq;
    const query = this.getState().query.trim();
    this.patch({ loading: true });
    try {
      const { entries, total } = await this.api.call('history.search', { ...(query ? { query } : {}), offset: 0, limit: PAGE });
      if (seq !== this.searchSeq) return;
      const selectedId = this.getState().selected?.id;
      this.patch({ entries, total, loading: false, error: null, selected: entries.find((e) => e.id === selectedId) ?? this.getState().selected });
    } catch (error) {
      if (seq === this.searchSeq) this.patch({ loading: false, error: toErrorPayload(error) });
    }
  }

  /** The next page of the same search. */
  async loadMore(): Promise<void> {
    const seq = this.searchSeq;
    const s = this.getState();
    const query = s.query.trim();
    this.patch({ loading: true });
    try {
      const { entries, total } = await this.api.call('history.search', { ...(query ? { query } : {}), offset: s.entries.length, limit: PAGE });
      if (seq !== this.searchSeq) return;
      const known = new Set(this.getState().entries.map((e) => e.id));
      this.patch({ entries: [...this.getState().entries, ...entries.filter((e) => !known.has(e.id))], total, loading: false, error: null });
    } catch (error) {
      if (seq === this.searchSeq) this.patch({ loading: false, error: toErrorPayload(error) });
    }
  }

  async open(id: number): Promise<void> {
    const listed = this.getState().entries.find((e) => e.id === id) ?? null;
    this.patch({ selected: listed });
    try {
      const entry = await this.api.call('history.get', { id });
      if (this.getState().selected?.id === id || this.getState().selected === null) this.patch({ selected: entry });
    } catch (error) {
      this.patch({ error: toErrorPayload(error) });
    }
  }

  close(): void {
    this.patch({ selected: null });
  }

  async remove(id: number): Promise<void> {
    try {
      await this.api.call('history.delete', { id });
      const s = this.getState();
      this.patch({ entries: s.entries.filter((e) => e.id !== id), total: Math.max(0, s.total - 1), selected: s.selected?.id === id ? null : s.selected, notice: 'Entry deleted.' });
    } catch (error) {
      this.patch({ error: toErrorPayload(error) });
    }
  }

  async clear(): Promise<void> {
    try {
      await this.api.call('history.clear', {});
      this.patch({ entries: [], total: 0, selected: null, notice: 'History cleared.' });
    } catch (error) {
      this.patch({ error: toErrorPayload(error) });
    }
  }

  async exportAll(): Promise<void> {
    try {
      const { json } = await this.api.call('history.export', {});
      this.patch({ exported: { json, at: Date.now() }, notice: 'Export ready.' });
    } catch (error) {
      this.patch({ error: toErrorPayload(error) });
    }
  }

  dismissError(): void {
    this.patch({ error: null });
  }

  dispose(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.searchSeq++;
  }
}
