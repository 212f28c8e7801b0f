// "add kubectl to my dictionary" by voice: the words heard, editable, saved only when the user confirms the spelling.
import { useState, type FormEvent } from 'react';

export interface DictionaryConfirmProps {
  /** The words as heard: the word to add is the one most likely misheard, so the user checks it first. */
  heard: string;
  onSave: (term: string, spoken: string) => Promise<boolean>;
}

export function DictionaryConfirm({ heard, onSave }: DictionaryConfirmProps) {
  const [term, setTerm] = useState(heard);
  const [spoken, setSpoken] = useState('');
  const [state, setState] = useState<'editing' | 'saved' | 'dismissed'>('editing');
  if (state === 'dismissed') return null;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await onSave(term, spoken)) setState('saved');
  };
  return (
    <section className="result" aria-labelledby="dictionary-confirm-title">
      <h2 id="dictionary-confirm-title" className="section-title">
        Add to your dictionary
      </h2>
      {state === 'saved' ? (
        <p role="status">Added {term.trim()} to your dictionary.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} aria-label="Check the spelling and add to the dictionary">
          <p className="field-help">Check the spelling: this is how it was heard.</p>
          <div className="text-request-row">
            <label htmlFor="confirm-term" className="field-label">
              Spelling
            </label>
            {/* The user asked for this form by voice: its field is where they go next. */}
            <input id="confirm-term" value={term} onChange={(e) => setTerm(e.target.value)} maxLength={100} autoComplete="off" spellCheck={false} autoFocus />
            <label htmlFor="confirm-spoken" className="field-label">
              Sounds like (optional)
            </label>
            <input id="confirm-spoken" value={spoken} onChange={(e) => setSpoken(e.target.value)} maxLength={200} autoComplete="off" />
            <button type="submit" className="button primary" disabled={!term.trim()}>
              Add to dictionary
            </button>
            <button type="button" className="button ghost" onClick={() => setState('dismissed')}>
              Don’t add
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
