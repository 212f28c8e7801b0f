// The keyboard shortcuts of the main window, listed by `?`.
import { useEffect, useRef } from 'react';

export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ['Space (hold)', 'talk, when focus is not in a text field or on another control (toggle mode: press to start and to send)'],
  ['Esc', 'cancel the request, or close this list'],
  ['/', 'focus the request text box'],
  ['Enter', 'send the typed request'],
  ['Alt+C', 'copy the code of the last result'],
  ['?', 'show this list'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="shortcuts" onClick={onClose}>
      <div className="shortcuts-card" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title" className="section-title">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} style={{ display: 'contents' }}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button ref={close} type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
