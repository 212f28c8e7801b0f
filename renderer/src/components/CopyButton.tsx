// A copy button that says whether the copy worked.
import { useState } from 'react';

export interface CopyButtonProps {
  onCopy: () => Promise<boolean>;
  label?: string;
  className?: string;
  /** Shown until the button is used (e.g. "On the clipboard" after an automatic copy). */
  idleStatus?: string;
}

export function CopyButton({ onCopy, label = 'Copy code', className = '', idleStatus = '' }: CopyButtonProps) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const click = (): void => {
    onCopy()
      .then((ok) => setStatus(ok ? 'copied' : 'failed'))
      .catch(() => setStatus('failed'));
  };
  return (
    <span className="copy-button-wrap">
      <button type="button" className={`button ${className}`} onClick={click}>
        {label}
      </button>
      <span role="status" className="copy-status">
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed: select the code and press Ctrl+C' : idleStatus}
      </span>
    </span>
  );
}
