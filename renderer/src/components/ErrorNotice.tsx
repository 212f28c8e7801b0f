// An error in plain words from the one error table: title (with a live countdown), one-line cause, actions; code and internals under Details.
import { useEffect, useState } from 'react';
import type { AppErrorPayload } from '../../../preload/contract';
import { errorHelp, type ErrorAction, type SpeechInput } from '../model/error-help';

export interface ErrorNoticeProps {
  error: AppErrorPayload;
  /** When the error arrived (epoch ms): its retry time counts down from here. */
  receivedAt?: number | null;
  hotkey?: string;
  /** How this window records: "Didn't catch that" advises on it. */
  input?: SpeechInput;
  /** The small overlay: the advice moves into Details so the buttons stay visible. */
  compact?: boolean;
  onChangeKey?: () => void;
  onOpenSettings?: () => void;
  onRetry?: () => void;
  onContinue?: () => void;
  onDismiss?: () => void;
}

export const ERROR_ACTION_LABELS: Record<ErrorAction, string> = { 'change-key': 'Change key', 'open-settings': 'Open Settings', retry: 'Try again', continue: 'Continue' };

/** Re-renders every second until `until` (epoch ms) has passed. */
export function useNow(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined || until <= Date.now()) return undefined;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);
  return now;
}

export function ErrorNotice({ error, receivedAt, hotkey, input, compact, onChangeKey, onOpenSettings, onRetry, onContinue, onDismiss }: ErrorNoticeProps) {
  const first = errorHelp(error, { ...(hotkey ? { hotkey } : {}), ...(input ? { input } : {}), ...(receivedAt ? { receivedAt } : {}) });
  const now = useNow(first.countdownTo);
  const help = errorHelp(error, { ...(hotkey ? { hotkey } : {}), ...(input ? { input } : {}), ...(receivedAt ? { receivedAt } : {}), now });
  const handlers: Record<ErrorAction, (() => void) | undefined> = {
    // Without a key form to open, changing the key is done in Settings.
    'change-key': onChangeKey ?? onOpenSettings,
    'open-settings': onOpenSettings,
    retry: onRetry,
    continue: onContinue,
  };
  const actions = help.actions.filter((a) => handlers[a] !== undefined);
  return (
    <div className={`error-notice tone-${help.tone}`} role="alert" data-code={error.code} aria-labelledby={`error-title-${error.code}`}>
      <h3 className="error-title" id={`error-title-${error.code}`}>
        {help.title}
      </h3>
      <p className="error-cause">{help.cause}</p>
      {compact ? null : <p className="error-advice">{help.advice}</p>}
      <div className="error-actions">
        {actions.map((a, i) => (
          <button key={a} type="button" className={`button${i === 0 ? ' primary' : ''}`} onClick={handlers[a]}>
            {ERROR_ACTION_LABELS[a]}
          </button>
        ))}
        {onDismiss ? (
          <button type="button" className="button ghost" onClick={onDismiss}>
            Dismiss
          </button>
        ) : null}
        <details className="error-details">
          <summary>Details</summary>
          {compact ? <p className="error-advice">{help.advice}</p> : null}
          <p className="error-message">
            <code>{error.code}</code> {error.message}
          </p>
        </details>
      </div>
    </div>
  );
}
