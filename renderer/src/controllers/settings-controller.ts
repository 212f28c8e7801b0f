// Settings: load, edit a draft, save the changed fields as one patch, store an API key (never read back), clear history.
import type { Api, AppErrorPayload } from '../../../preload/contract';
import { toErrorPayload } from '../model/error-help';
import { buildPatch, draftFrom, type Draft } from '../model/settings-fields';
import { listMicrophones, type Microphone } from '../platform/microphones';
import { getString, PREF_MIC_DEVICE, setString } from '../platform/preferences';
import { StateStore } from './state-store';

export interface SettingsState {
  settings: Record<string, unknown> | null;
  original: Draft;
  draft: Draft;
  fieldErrors: Record<string, string>;
  loading: boolean;
  saving: boolean;
  error: AppErrorPayload | null;
  notice: string | null;
  keyStatus: string | null;
  microphones: Microphone[];
  microphone: string;
}

export class SettingsController extends StateStore<SettingsState> {
  constructor(private readonly api: Api) {
    super({ settings: null, original: {}, draft: {}, fieldErrors: {}, loading: false, saving: false, error: null, notice: null, keyStatus: null, microphones: [], microphone: getString(PREF_MIC_DEVICE) ?? '' });
  }

  async load(): Promise<void> {
    this.patch({ loading: true });
    try {
      const settings = await this.api.call('settings.get', {});
      const draft = draftFrom(settings);
      this.patch({ settings, original: draft, draft, loading: false, error: null, fieldErrors: {} });
    } catch (error) {
      this.patch({ loading: false, error: toErrorPayload(error) });
    }
    await this.refreshMicrophones();
  }

  async refreshMicrophones(): Promise<void> {
    try {
      this.patch({ microphones: await listMicrophones() });
    } catch {
      this.patch({ microphones: [] });
    }
  }

  setField(path: string, value: string | boolean): void {
    const s = this.getState();
    const fieldErrors = { ...s.fieldErrors };
    delete fieldErrors[path];
    this.patch({ draft: { ...s.draft, [path]: value }, fieldErrors, notice: null });
  }

  setMicrophone(deviceId: string): void {
    setString(PREF_MIC_DEVICE, deviceId);
    this.patch({ microphone: deviceId, notice: 'Microphone saved for this browser.' });
  }

  get microphone(): string | undefined {
    return this.getState().microphone || undefined;
  }

  async save(): Promise<void> {
    const s = this.getState();
    const { patch, errors, changed } = buildPatch(s.original, s.draft);
    if (Object.keys(errors).length > 0) {
      this.patch({ fieldErrors: errors, notice: 'Fix the fields marked below, then save again.' });
      return;
    }
    if (changed === 0) {
      this.patch({ notice: 'Nothing changed.' });
      return;
    }
    this.patch({ saving: true, notice: null });
    try {
      const settings = await this.api.call('settings.update', { patch });
      const draft = draftFrom(settings);
      const restart = settings['restartRequired'] === true ? ' Restart Voice CodeGen to apply the pool, cache and Redis changes.' : '';
      this.patch({ settings, original: draft, draft, saving: false, error: null, notice: `Saved ${changed} ${changed === 1 ? 'change' : 'changes'}.${restart}` });
    } catch (error) {
      this.patch({ saving: false, error: toErrorPayload(error) });
    }
  }

  revert(): void {
    const s = this.getState();
    this.patch({ draft: s.original, fieldErrors: {}, notice: 'Changes discarded.' });
  }

  /** Sends the key to main once; the field is cleared by the view and the key is never read back. */
  async setApiKey(apiKey: string): Promise<boolean> {
    const key = apiKey.trim();
    if (!key) {
      this.patch({ keyStatus: 'Paste a key first.' });
      return false;
    }
    try {
      this.patch({ keyStatus: 'Checking the key with Google…', error: null });
      const { stored, verified, note } = await this.api.call('settings.setApiKey', { instance: 'default', apiKey: key });
      const where = stored === 'encrypted' ? 'encrypted by the system keychain' : 'for this session only (no system keychain here)';
      const checked = verified === false ? `Not verified: ${note ?? 'Google could not be asked.'}` : 'Google accepted it.';
      this.patch({ keyStatus: `Key saved, ${where}. ${checked}`, error: null });
      return true;
    } catch (error) {
      this.patch({ keyStatus: null, error: toErrorPayload(error) });
      return false;
    }
  }

  async clearHistory(): Promise<void> {
    try {
      await this.api.call('history.clear', {});
      this.patch({ notice: 'History cleared.' });
    } catch (error) {
      this.patch({ error: toErrorPayload(error) });
    }
  }

  dismissError(): void {
    this.patch({ error: null });
  }
}
