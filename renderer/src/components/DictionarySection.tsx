// Settings → Dictionary: terms with what they sound like (add, remove, import a file, export), keyboard first.
import { useState, type FormEvent } from 'react';
import { useDownloadUrl } from '../controllers/use-download-url';
import type { DictionaryEntry } from '../../../preload/contract';

export interface DictionarySectionProps {
  entries: DictionaryEntry[];
  notice: string | null;
  exported: { text: string; at: number } | null;
  onAdd: (term: string, spoken: string) => Promise<boolean>;
  onRemove: (term: string) => void;
  onImport: (text: string) => void;
  onExport: () => void;
}

/** The import limit of main (2 MB); a larger file is refused before it is read. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export function DictionarySection({ entries, notice, exported, onAdd, onRemove, onImport, onExport }: DictionarySectionProps) {
  const [term, setTerm] = useState('');
  const [spoken, setSpoken] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const exportUrl = useDownloadUrl(exported?.text, 'text/csv');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await onAdd(term, spoken)) {
      setTerm('');
      setSpoken('');
    }
  };
  return (
    <section className="card" aria-labelledby="settings-dictionary">
      <h2 id="settings-dictionary">Dictionary</h2>
      <p className="field-help">Words Gemini should spell your way. What a term sounds like is replaced by the term in what you say: “cube control” → kubectl.</p>
      <form className="api-key-form" onSubmit={(e) => void submit(e)} aria-label="Add a dictionary term">
        <div className="text-request-row">
          <label htmlFor="dictionary-term" className="field-label">
            Term
          </label>
          <input id="dictionary-term" value={term} onChange={(e) => setTerm(e.target.value)} maxLength={100} autoComplete="off" spellCheck={false} placeholder="kubectl" />
          <label htmlFor="dictionary-spoken" className="field-label">
            Sounds like (optional)
          </label>
          <input id="dictionary-spoken" value={spoken} onChange={(e) => setSpoken(e.target.value)} maxLength={200} autoComplete="off" placeholder="cube control" />
          <button type="submit" className="button primary" disabled={!term.trim()}>
            Add term
          </button>
        </div>
      </form>
      <div className="settings-actions">
        <label htmlFor="dictionary-import" className="field-label">
          Import terms from a file (one per line, or CSV: term,sounds like)
        </label>
        <input
          id="dictionary-import"
          type="file"
          accept=".txt,.csv,text/plain,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            if (file.size > MAX_IMPORT_BYTES) {
              setFileNote(`${file.name} is larger than 2 MB. Split it and import the parts one by one.`);
              return;
            }
            setFileNote(null);
            void file.text().then(onImport);
          }}
        />
        <button type="button" className="button" onClick={onExport}>
          Export dictionary
        </button>
        {exportUrl ? (
          <a className="button" href={exportUrl} download={`voice-codegen-dictionary-${new Date(exported?.at ?? 0).toISOString().slice(0, 10)}.csv`}>
            Download export
          </a>
        ) : null}
      </div>
      <p role="status" className="field-help">
        {fileNote ?? notice ?? ''}
      </p>
      {entries.length === 0 ? (
        <p className="muted">No terms yet.</p>
      ) : (
        <table className="dictionary-table">
          <caption className="sr-only">Dictionary terms</caption>
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Sounds like</th>
              <th scope="col">Used</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={`${entry.term}\u0000${entry.spoken ?? ''}`}>
                <td>
                  <code>{entry.term}</code>
                </td>
                <td>{entry.spoken ?? '—'}</td>
                <td>{entry.uses}</td>
                <td>
                  <button type="button" className="button ghost" aria-label={`Remove ${entry.term}${entry.spoken ? ` (${entry.spoken})` : ''}`} onClick={() => onRemove(entry.term)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
