// A text box for typed requests: the same pipeline as dictation, from the transcript stage on.
import { useState, type FormEvent } from 'react';

export function TextRequestForm({ onSubmit, busy, compact = false }: { onSubmit: (text: string) => void; busy: boolean; compact?: boolean }) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    onSubmit(value);
    setText('');
  };
  return (
    <form className={`text-request${compact ? ' is-compact' : ''}`} onSubmit={submit} aria-label="Typed request">
      <label htmlFor="text-request-input" className={compact ? 'sr-only' : 'field-label'}>
        Or type a request
      </label>
      <div className="text-request-row">
        <input
          id="text-request-input"
          type="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. a python function that reverses a string"
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button primary" disabled={!text.trim()}>
          {busy && !compact ? 'Send (cancels current)' : 'Send'}
        </button>
      </div>
    </form>
  );
}
