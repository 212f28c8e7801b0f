// The API key input: masked, sent to main once, cleared at once and never shown back.
import { useState, type FormEvent } from 'react';

export interface ApiKeyFormProps {
  hasKey: boolean;
  status: string | null;
  onSave: (key: string) => Promise<boolean>;
}

export function ApiKeyForm({ hasKey, status, onSave }: ApiKeyFormProps) {
  const [key, setKey] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const value = key;
    setKey('');
    void onSave(value);
  };
  return (
    <form className="api-key-form" onSubmit={submit} aria-label="Gemini API key">
      <label htmlFor="api-key-input" className="field-label">
        Gemini API key
      </label>
      <div className="text-request-row">
        <input id="api-key-input" type="password" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} placeholder={hasKey ? 'A key is set: paste a new one to replace it' : 'Paste your key (AIza…)'} aria-describedby="api-key-help" />
        <button type="submit" className="button primary" disabled={!key.trim()}>
          Save key
        </button>
      </div>
      <p id="api-key-help" className="field-help">
        Stored by the app (encrypted where the system allows) and never shown again. Get one at aistudio.google.com/apikey.
      </p>
      <p role="status" className="field-help">
        {status ?? (hasKey ? 'A key is set.' : 'No key yet.')}
      </p>
    </form>
  );
}
