// An error that says what happened (main's message) and what to do (by code), with the matching action.
import type { AppErrorPayload } from '../../../preload/contract';
import { errorHelp } from '../model/error-help';

export interface ErrorNoticeProps {
  error: AppErrorPayload;
  hotkey?: string;
  onOpenSettings?: () => void;
  onRetry?: () => void;
  onDismiss?: () => void;
}

export function ErrorNotice({ error, hotkey, onOpenSettings, onRetry, onDismiss }: ErrorNoticeProps) {
  const help = errorHelp(error, hotkey);
  return (
    <div className="error-notice" role="alert" data-code={error.code}>
      <h3 className="error-title">{help.title}</h3>
      {error.message && error.message !== help.title ? <p className="error-message">{error.message}</p> : null}
      <p className="error-advice">{help.advice}</p>
      <div className="error-actions">
        {help.action === 'open-settings' && onOpenSettings ? (
          <button type="button" className="button primary" onClick={onOpenSettings}>
            Open Settings
          </button>
        ) : null}
        {help.action === 'retry' && onRetry ? (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        ) : null}
        {onDismiss ? (
          <button type="button" className="button ghost" onClick={onDismiss}>
            Dismiss
          </button>
        ) : null}
      </div>
    </div>
  );
}
