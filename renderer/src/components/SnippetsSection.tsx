// Settings → Snippets: named texts said aloud ("insert my debug template"), with {{clipboard}}, {{selection}} and {{date}}.
import { useState, type FormEvent } from 'react';
import type { Snippet } from '../../../preload/contract';

export interface SnippetsSectionProps {
  snippets: Snippet[];
  notice: string | null;
  onSave: (name: string, body: string) => Promise<boolean>;
  onRemove: (name: string) => void;
}

export function SnippetsSection({ snippets, notice, onSave, onRemove }: SnippetsSectionProps) {
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await onSave(name, body)) {
      setName('');
      setBody('');
    }
  };
  return (
    <section className="card" aria-labelledby="settings-snippets">
      <h2 id="settings-snippets">Snippets</h2>
      <p className="field-help">Say “insert my NAME”: the text is inserted as it is, without asking Gemini. Placeholders: {'{{clipboard}}'}, {'{{selection}}'}, {'{{date}}'}.</p>
      <form onSubmit={(e) => void submit(e)} aria-label="Save a snippet">
        <div className="field">
          <label htmlFor="snippet-name" className="field-label">
            Snippet name
          </label>
          <input id="snippet-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="off" placeholder="debug template" />
        </div>
        <div className="field">
          <label htmlFor="snippet-body" className="field-label">
            Snippet text
          </label>
          <textarea id="snippet-body" value={body} onChange={(e) => setBody(e.target.value)} maxLength={16_000} rows={4} spellCheck={false} />
        </div>
        <button type="submit" className="button primary" disabled={!name.trim() || body.length === 0}>
          Save snippet
        </button>
      </form>
      <p role="status" className="field-help">
        {notice ?? ''}
      </p>
      {snippets.length === 0 ? (
        <p className="muted">No snippets yet.</p>
      ) : (
        <ul className="snippet-list" aria-label="Snippets">
          {snippets.map((s) => (
            <li key={s.name}>
              <strong>{s.name}</strong> <span className="muted">used {s.uses} times</span>
              <pre>{s.body}</pre>
              <button type="button" className="button ghost" aria-label={`Remove snippet ${s.name}`} onClick={() => onRemove(s.name)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
