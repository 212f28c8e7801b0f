// Settings: load, edit a draft, save the changed fields as one patch, store an API key (never read back), clear history.
import type { Api, AppErrorPayload } from '../../../preload/contract';
import { toErrorPayload } from '../model/error-help';
import { savedNotice } from '../model/settings-notices';
import { checkRows, emptyRow, instanceRows, instancesPatch, type InstanceRow } from '../model/gemini-instances';
import { buildPatch, draftFrom, restartNotice, type Draft } from '../model/settings-fields';
import { parseProfileLines } from '../model/profile-lines';
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
  /** The answer to the last team secret saved here (the status line from settings.get shows otherwise). */
  teamSecretNotice: string | null;
  microphones: Microphone[];
  microphone: string;
  /** The Gemini instances being edited (keys typed here are write-only). */
  instances: InstanceRow[];
  instanceErrors: Record<string, string>;
  instancesNotice: string | null;
  /** What the last profile save said (saved, or the lines to fix). */
  profilesNotice: string | null;
}

export class SettingsController extends StateStore<SettingsState> {
  constructor(private readonly api: Api) {
    super({ settings: null, original: {}, draft: {}, fieldErrors: {}, loading: false, saving: false, error: null, notice: null, keyStatus: null, teamSecretNotice: null, microphones: [], microphone: getString(PREF_MIC_DEVICE) ?? '', instances: [], instanceErrors: {}, instancesNotice: null, profilesNotice: null });
  }

  async load(): Promise<void> {
    this.patch({ loading: true });
    try {
      const settings = await this.api.call('settings.get', {});
      const draft = draftFrom(settings);
      this.patch({ settings, original: draft, draft, loading: false, error: null, fieldErrors: {}, instances: instanceRows(settings), instanceErrors: {} });
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
      // A successful save replaces the stored row, so what loading it repaired no longer applies.
      this.patch({ settings: { ...settings, warnings: [] }, original: draft, draft, saving: false, error: null, notice: savedNotice(changed, settings) });
    } catch (error) {
      this.patch({ saving: false, error: toErrorPayload(error) });
    }
  }

  setInstanceField(index: number, field: 'name' | 'baseUrl' | 'model' | 'key', value: string): void {
    const s = this.getState();
    const instances = s.instances.map((r, i) => (i === index ? { ...r, [field]: value } : r));
    const instanceErrors = { ...s.instanceErrors };
    delete instanceErrors[`${index}.${field}`];
    this.patch({ instances, instanceErrors, instancesNotice: null });
  }

  addInstance(): void {
    const s = this.getState();
    this.patch({ instances: [...s.instances, emptyRow(s.instances)], instancesNotice: null });
  }

  removeInstance(index: number): void {
    const s = this.getState();
    this.patch({ instances: s.instances.filter((_, i) => i !== index), instanceErrors: {}, instancesNotice: null });
  }

  /** Saves the list (settings.update, no keys), then each key typed (settings.setApiKey), then shows what main holds. */
  async saveInstances(): Promise<void> {
    const rows = this.getState().instances;
    const instanceErrors = checkRows(rows);
    if (Object.keys(instanceErrors).length > 0) {
      this.patch({ instanceErrors, instancesNotice: 'Fix the instances marked below, then save again.' });
      return;
    }
    this.patch({ saving: true, instancesNotice: null });
    try {
      const updated = await this.api.call('settings.update', { patch: instancesPatch(rows) });
      let keys = 0;
      for (const r of rows) {
        if (!r.key.trim()) continue;
        await this.api.call('settings.setApiKey', { instance: r.name.trim(), apiKey: r.key.trim() });
        keys++;
      }
      const settings = await this.api.call('settings.get', {});
      const restart = updated['restartRequired'] === true ? restartNotice(updated['restartFor']) : '';
      this.patch({ settings, instances: instanceRows(settings), instanceErrors: {}, saving: false, error: null, instancesNotice: `Saved ${rows.length} ${rows.length === 1 ? 'instance' : 'instances'}${keys > 0 ? ` and ${keys} ${keys === 1 ? 'key' : 'keys'}` : ''}.${restart}` });
    } catch (error) {
      this.patch({ saving: false, error: toErrorPayload(error) });
    }
  }

  /** Saves the app profile rules typed as lines (profile-lines.ts); a bad line is named and nothing is saved. */
  async saveProfiles(text: string): Promise<void> {
    const { rules, errors } = parseProfileLines(text);
    if (errors.length > 0) {
      this.patch({ profilesNotice: `Not saved: ${errors.slice(0, 3).join(' ')}` });
      return;
    }
    this.patch({ saving: true, profilesNotice: null });
    try {
      await this.api.call('settings.update', { patch: { profiles: { rules } } });
      const settings = await this.api.call('settings.get', {});
      this.patch({ settings, saving: false, error: null, profilesNotice: `Saved ${rules.length} ${rules.length === 1 ? 'profile' : 'profiles'}.` });
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
      const where = stored === 'encrypted' ? 'Key saved, encrypted by the system keychain.' : 'Key saved for this session only (no system keychain here).';
      const checked = verified === false ? `Not verified: ${note ?? 'Google could not be asked.'}` : 'Google accepted it.';
      this.patch({ keyStatus: `${where} ${checked}`, error: null });
      return true;
    } catch (error) {
      this.patch({ keyStatus: null, error: toErrorPayload(error) });
      return false;
    }
  }

  /** Sends the team secret to main once; it is never read back. The answer's status line says whether Redis is now used. */
  async setTeamSecret(secret: string): Promise<boolean> {
    if (!secret.trim()) {
      this.patch({ teamSecretNotice: 'Type the team secret first.' });
      return false;
    }
    try {
      const { stored, sharedCache } = await this.api.call('settings.setTeamSecret', { secret });
      const where = stored === 'encrypted' ? 'Saved, encrypted by the system keychain.' : 'Saved for this session only.';
      const settings = this.getState().settings;
      this.patch({ teamSecretNotice: `${where} ${sharedCache.message}`, error: null, ...(settings ? { settings: { ...settings, sharedCache } } : {}) });
      return true;
    } catch (error) {
      this.patch({ teamSecretNotice: null, error: toErrorPayload(error) });
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
