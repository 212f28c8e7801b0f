// Settings' list of Gemini instances: name, base URL, model and a write-only key per instance ("key set", never the key).
import type { InstanceRow } from '../model/gemini-instances';

export interface GeminiInstancesEditorProps {
  rows: readonly InstanceRow[];
  errors: Record<string, string>;
  notice: string | null;
  disabled: boolean;
  onChange: (index: number, field: 'name' | 'baseUrl' | 'model' | 'key', value: string) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
  onSave: () => void;
}

const FIELDS: ReadonlyArray<{ field: 'name' | 'baseUrl' | 'model'; label: string; placeholder: string }> = [
  { field: 'name', label: 'Name', placeholder: 'default' },
  { field: 'baseUrl', label: 'Base URL', placeholder: 'Google (leave empty)' },
  { field: 'model', label: 'Code model', placeholder: 'the default model' },
];

export function GeminiInstancesEditor({ rows, errors, notice, disabled, onChange, onAdd, onRemove, onSave }: GeminiInstancesEditorProps) {
  return (
    <section className="card gemini-instances" aria-labelledby="settings-instances">
      <h2 id="settings-instances">Gemini instances</h2>
      <p className="field-help">Requests are balanced across these, and a failed one is retried on another. Keys are stored by the app and never shown again.</p>
      {rows.length === 0 ? <p className="muted">No instances listed: the key above (or GEMINI_API_KEY) is used with Google’s endpoint.</p> : null}
      <ul className="instance-list" aria-label="Gemini instances">
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            <li key={index} className="instance-row">
              {FIELDS.map(({ field, label, placeholder }) => {
                const id = `instance-${index}-${field}`;
                const error = errors[`${index}.${field}`];
                return (
                  <div className="field" key={field}>
                    <label htmlFor={id} className="field-label">{`${label} (instance ${n})`}</label>
                    <input id={id} type="text" value={row[field]} placeholder={placeholder} disabled={disabled} spellCheck={false} autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(index, field, e.target.value)} />
                    {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
                  </div>
                );
              })}
              <div className="field">
                <label htmlFor={`instance-${index}-key`} className="field-label">{`API key (instance ${n})`}</label>
                <input id={`instance-${index}-key`} type="password" value={row.key} disabled={disabled} autoComplete="off" spellCheck={false} placeholder={row.hasKey ? 'key set: type to replace' : 'no key yet'} aria-describedby={`instance-${index}-key-status`} onChange={(e) => onChange(index, 'key', e.target.value)} />
                <p id={`instance-${index}-key-status`} className="field-help">
                  {errors[`${index}.key`] ?? (row.hasKey ? 'key set' : 'no key')}
                </p>
              </div>
              <button type="button" className="button ghost" disabled={disabled} onClick={() => onRemove(index)}>
                {`Remove instance ${n}`}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="settings-actions">
        <button type="button" className="button ghost" disabled={disabled} onClick={onAdd}>
          Add instance
        </button>
        <button type="button" className="button primary" disabled={disabled} onClick={onSave}>
          Save instances
        </button>
        <span role="status" className="muted">
          {notice ?? ''}
        </span>
      </div>
    </section>
  );
}
