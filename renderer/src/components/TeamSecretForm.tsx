// The shared cache's team secret: masked, sent to main once, cleared at once and never shown back; the status line says whether Redis is used.
import { useState, type FormEvent } from 'react';

export interface TeamSecretFormProps {
  /** Why the shared cache is on or off, from settings.get ("Shared cache off: set a team secret ..."). */
  status: string | null;
  /** Where the secret comes from: 'env' disables the form (the environment takes precedence). */
  source: string | null;
  notice: string | null;
  onSave: (secret: string) => Promise<boolean>;
}

export function TeamSecretForm({ status, source, notice, onSave }: TeamSecretFormProps) {
  const [secret, setSecret] = useState('');
  const fromEnv = source === 'env';
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const value = secret;
    setSecret('');
    void onSave(value);
  };
  return (
    <form className="api-key-form" onSubmit={submit} aria-label="Team secret for the shared cache">
      <label htmlFor="team-secret-input" className="field-label">
        Team secret (shared Redis cache)
      </label>
      <div className="text-request-row">
        <input id="team-secret-input" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" spellCheck={false} disabled={fromEnv} placeholder={fromEnv ? 'Set by VOICE_CODEGEN_TEAM_SECRET' : 'The same long secret on every machine of the team'} aria-describedby="team-secret-help" />
        <button type="submit" className="button primary" disabled={fromEnv || !secret.trim()}>
          Save secret
        </button>
      </div>
      <p id="team-secret-help" className="field-help">
        Signs what this app writes to Redis; entries not signed with it are ignored. At least 16 characters, stored like the API key and never shown again.
      </p>
      <p role="status" className="field-help">
        {notice ?? status ?? ''}
      </p>
    </form>
  );
}
