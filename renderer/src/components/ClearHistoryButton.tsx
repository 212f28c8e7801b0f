// "Clear history…" with an inline confirmation, used by the History and Settings views.
import { useState } from 'react';

export function ClearHistoryButton({ onClear, prompt, startClassName = 'button ghost' }: { onClear: () => void; prompt?: string; startClassName?: string }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className={startClassName} onClick={() => setConfirming(true)}>
        Clear history…
      </button>
    );
  }
  return (
    <>
      {prompt ? <span>{prompt}</span> : null}
      <button
        type="button"
        className="button danger"
        onClick={() => {
          setConfirming(false);
          onClear();
        }}
      >
        Yes, clear history
      </button>
      <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
        Keep it
      </button>
    </>
  );
}
