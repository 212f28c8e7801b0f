// The personal dictionary and snippets in Settings: list, add, remove, import, export, over the Api.
import type { Api, AppErrorPayload, DictionaryEntry, Snippet } from '../../../preload/contract';
import { toErrorPayload } from '../model/error-help';
import { StateStore } from './state-store';

export interface PersonalState {
  entries: DictionaryEntry[];
  snippets: Snippet[];
  loading: boolean;
  error: AppErrorPayload | null;
  /** Said in the section's status line ("Added kubectl.", "Imported 5,000 entries."). */
  notice: string | null;
  /** The snippets section's own status line. */
  snippetNotice: string | null;
  /** The last export, for the download link. */
  exported: { text: string; at: number } | null;
}

export class PersonalController extends StateStore<PersonalState> {
  constructor(private readonly api: Api) {
    super({ entries: [], snippets: [], loading: false, error: null, notice: null, snippetNotice: null, exported: null });
  }

  async load(): Promise<void> {
    this.patch({ loading: true });
    try {
      const [{ entries }, { snippets }] = await Promise.all([this.api.call('dictionary.list', {}), this.api.call('snippets.list', {})]);
      this.patch({ entries, snippets, loading: false, error: null });
    } catch (error) {
      this.patch({ loading: false, error: toErrorPayload(error) });
    }
  }

  /** Returns true when saved (the form then clears). */
  async add(term: string, spoken: string): Promise<boolean> {
    return this.act(async () => {
      await this.api.call('dictionary.add', { term: term.trim(), ...(spoken.trim() ? { spoken: spoken.trim() } : {}) });
      return `Added ${term.trim()}.`;
    });
  }

  async remove(term: string): Promise<boolean> {
    return this.act(async () => {
      await this.api.call('dictionary.remove', { term });
      return `Removed ${term}.`;
    });
  }

  async importText(text: string): Promise<boolean> {
    return this.act(async () => {
      const { read, added } = await this.api.call('dictionary.import', { text });
      return `Imported ${read.toLocaleString('en')} entr${read === 1 ? 'y' : 'ies'} (${added.toLocaleString('en')} new).`;
    });
  }

  async exportAll(): Promise<void> {
    try {
      const { text } = await this.api.call('dictionary.export', {});
      this.patch({ exported: { text, at: Date.now() }, notice: 'Export ready.' });
    } catch (error) {
      this.patch({ error: toErrorPayload(error) });
    }
  }

  async saveSnippet(name: string, body: string): Promise<boolean> {
    return this.act(async () => {
      await this.api.call('snippets.save', { name: name.trim(), body });
      return `Saved the snippet ${name.trim()}. Say "insert my ${name.trim()}".`;
    }, 'snippetNotice');
  }

  async removeSnippet(name: string): Promise<boolean> {
    return this.act(async () => {
      await this.api.call('snippets.remove', { name });
      return `Removed the snippet ${name}.`;
    }, 'snippetNotice');
  }

  dismissError(): void {
    this.patch({ error: null });
  }

  private async act(run: () => Promise<string>, line: 'notice' | 'snippetNotice' = 'notice'): Promise<boolean> {
    try {
      const notice = await run();
      this.patch({ [line]: notice, error: null });
      await this.load();
      return true;
    } catch (error) {
      this.patch({ error: toErrorPayload(error), [line]: null });
      return false;
    }
  }
}
