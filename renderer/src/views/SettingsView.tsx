// Settings: API key, Gemini instances, models, hotkey and mode, language, cache sizes and TTLs, Redis, pools, microphone, project folder, privacy.
import { useEffect } from 'react';
import { ApiKeyForm } from '../components/ApiKeyForm';
import { ClearHistoryButton } from '../components/ClearHistoryButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { GeminiInstancesEditor } from '../components/GeminiInstancesEditor';
import { ProfilesEditor } from '../components/ProfilesEditor';
import { SettingsField } from '../components/SettingsField';
import { TeamSecretForm } from '../components/TeamSecretForm';
import { PersonalSettings } from '../components/PersonalSettings';
import type { PersonalController } from '../controllers/personal-controller';
import type { SettingsController } from '../controllers/settings-controller';
import { useStore } from '../controllers/use-store';
import { SETTINGS_GROUPS, getPath } from '../model/settings-fields';
import { profileLines } from '../model/profile-lines';
import { settingsNotices } from '../model/settings-notices';

export interface SettingsViewProps {
  controller: SettingsController;
  hasApiKey: boolean;
  onApiKeySaved: () => void;
  /** The personal dictionary and snippets. */
  personal?: PersonalController;
}

export function SettingsView({ controller, hasApiKey, onApiKeySaved, personal }: SettingsViewProps) {
  const state = useStore(controller);
  useEffect(() => {
    void controller.load();
  }, [controller]);
  const shared = state.settings?.['sharedCache'] as { message?: unknown; secret?: unknown } | undefined;
  const dirty = Object.keys(state.draft).some((k) => state.draft[k] !== state.original[k]);

  return (
    <div className="settings">
      {state.error ? <ErrorNotice error={state.error} onDismiss={() => controller.dismissError()} onRetry={() => void controller.load()} /> : null}
      {settingsNotices(state.settings).map((notice) => (
        <p key={notice} className="banner banner-warning" role="status">
          {notice}
        </p>
      ))}
      <div className="settings-top">
      <section className="card" aria-labelledby="settings-key">
        <h2 id="settings-key">API key</h2>
        <ApiKeyForm
          hasKey={hasApiKey}
          status={state.keyStatus}
          onSave={async (key) => {
            const ok = await controller.setApiKey(key);
            if (ok) onApiKeySaved();
            return ok;
          }}
        />
      </section>

      <section className="card" aria-labelledby="settings-mic">
        <h2 id="settings-mic">Microphone</h2>
        <div className="field">
          <label htmlFor="setting-microphone" className="field-label">
            Microphone
          </label>
          <select id="setting-microphone" value={state.microphone} onChange={(e) => controller.setMicrophone(e.target.value)}>
            <option value="">System default</option>
            {state.microphones.map((m) => (
              <option key={m.deviceId} value={m.deviceId}>
                {m.label}
              </option>
            ))}
          </select>
          <p className="field-help">Names appear once the microphone has been allowed.</p>
        </div>
      </section>

      <section className="card" aria-labelledby="settings-team-secret">
        <h2 id="settings-team-secret">Shared cache</h2>
        <TeamSecretForm
          status={typeof shared?.message === 'string' ? shared.message : null}
          source={typeof shared?.secret === 'string' ? shared.secret : null}
          notice={state.teamSecretNotice}
          onSave={(secret) => controller.setTeamSecret(secret)}
        />
      </section>
      </div>

      {personal ? <PersonalSettings controller={personal} /> : null}

      <GeminiInstancesEditor
        rows={state.instances}
        errors={state.instanceErrors}
        notice={state.instancesNotice}
        disabled={!state.settings || state.saving}
        onChange={(index, field, value) => controller.setInstanceField(index, field, value)}
        onAdd={() => controller.addInstance()}
        onRemove={(index) => controller.removeInstance(index)}
        onSave={() => void controller.saveInstances()}
      />

      <ProfilesEditor
        lines={profileLines(getPath(state.settings, 'profiles.rules'))}
        notice={state.profilesNotice}
        disabled={!state.settings || state.saving}
        onSave={(text) => void controller.saveProfiles(text)}
      />

      <form
        className="settings-form"
        aria-label="Settings"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void controller.save();
        }}
      >
        {state.loading && !state.settings ? <p className="muted">Loading settings…</p> : null}
        <div className="settings-actions">
          <button type="submit" className="button primary" disabled={!state.settings || state.saving}>
            {state.saving ? 'Saving…' : 'Save settings'}
          </button>
          <button type="button" className="button ghost" disabled={!dirty} onClick={() => controller.revert()}>
            Discard changes
          </button>
          <span role="status" className="muted">
            {state.notice ?? ''}
          </span>
          <span className="spacer" />
          <ClearHistoryButton startClassName="button danger" onClear={() => void controller.clearHistory()} />
        </div>
        <div className="settings-grid">
          {SETTINGS_GROUPS.map((group) => (
            <fieldset key={group.id} className="card" disabled={!state.settings}>
              <legend>{group.title}</legend>
              {group.fields.map((field) => (
                <SettingsField key={field.path} field={field} value={state.draft[field.path]} error={state.fieldErrors[field.path]} onChange={(v) => controller.setField(field.path, v)} />
              ))}
            </fieldset>
          ))}
        </div>
      </form>
    </div>
  );
}
