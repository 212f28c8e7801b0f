// Settings' app profiles: the user's rules, one per line, before the built-in ones (terminal, editor, chat), and what this platform can read.
import { useEffect, useState } from 'react';

export interface ProfilesEditorProps {
  /** The rules as lines (profile-lines.ts). */
  lines: string;
  notice: string | null;
  disabled: boolean;
  onSave: (text: string) => void;
}

export function ProfilesEditor({ lines, notice, disabled, onSave }: ProfilesEditorProps) {
  const [text, setText] = useState(lines);
  useEffect(() => setText(lines), [lines]);
  return (
    <section className="card profiles" aria-labelledby="settings-profiles">
      <h2 id="settings-profiles">App profiles</h2>
      <p className="field-help">
        The app focused when you press the hotkey picks the output: a terminal gets a shell command (never run, no newline), an editor the language of its open file, a chat Markdown. Your
        rules come first, one per line: <code>name | app=code | title=*.ipynb* | language=python | style=code|shell|markdown | paste=auto|off | shortcut=shift+insert | prompt=a line for the prompt</code>.
        Patterns are plain text or <code>*</code> globs.
      </p>
      <p className="field-help">
        The focused app is read on X11, macOS and Windows. It is not available on Wayland or in the browser: the default profile applies there, and the overlay lets you switch.
      </p>
      <label htmlFor="settings-profile-lines" className="field-label">
        Your profiles
      </label>
      <textarea id="settings-profile-lines" rows={5} value={text} disabled={disabled} spellCheck={false} onChange={(e) => setText(e.target.value)} />
      <div className="settings-actions">
        <button type="button" className="button" disabled={disabled || text === lines} onClick={() => onSave(text)}>
          Save profiles
        </button>
        <span role="status" className="muted">
          {notice ?? ''}
        </span>
      </div>
    </section>
  );
}
