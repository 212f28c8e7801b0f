// One labelled settings input (text, number, select or checkbox) with its help and validation message.
import type { FieldDef } from '../model/settings-fields';

export interface SettingsFieldProps {
  field: FieldDef;
  value: string | boolean | undefined;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}

export function SettingsField({ field, value, error, onChange }: SettingsFieldProps) {
  const id = `setting-${field.path.replace(/\./g, '-')}`;
  const describedBy = [field.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  if (field.kind === 'checkbox') {
    return (
      <div className="field field-checkbox">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={describedBy} />
        <label htmlFor={id}>{field.label}</label>
        {field.help ? <p id={`${id}-help`} className="field-help">{field.help}</p> : null}
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {field.label}
      </label>
      {field.kind === 'select' ? (
        <select id={id} value={text} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={field.kind === 'text' || field.kind === 'url' || field.kind === 'codes' ? 'text' : 'number'}
          inputMode={field.kind === 'text' || field.kind === 'url' || field.kind === 'codes' ? undefined : 'decimal'}
          value={text}
          placeholder={field.placeholder}
          min={field.min}
          max={field.max}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          spellCheck={false}
          autoComplete="off"
        />
      )}
      {field.help ? <p id={`${id}-help`} className="field-help">{field.help}</p> : null}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
    </div>
  );
}
