// An edit's buttons (Apply over the selection, Copy the replacement, Discard) and its status line: "Editing 14 lines in gedit".
import { useState } from 'react';
import type { DictationController } from '../controllers/dictation-controller';
import type { DictationState } from '../model/dictation-state';

/** The status line of an edit request, or null when the request writes new code. */
export function editStatus(state: DictationState, clock: string): string | null {
  const edit = state.edit;
  if (!edit) return null;
  const what = `${edit.lines} ${edit.lines === 1 ? 'line' : 'lines'}${edit.app ? ` in ${edit.app}` : ''}`;
  switch (state.phase) {
    case 'starting':
    case 'listening':
      return `Editing ${what} · ${clock}`;
    case 'transcribing':
    case 'generating':
    case 'waiting':
      return `Editing ${what}…`;
    case 'done':
      return state.result?.edit ? `Edit of ${what} ready${state.copied === 'copied' ? ' · copied' : ''}` : null;
    default:
      return null;
  }
}

export interface EditActionsProps {
  state: DictationState;
  controller: DictationController;
  /** The desktop shell applies over the selection in the other app; a browser tab cannot, so it has no Apply. */
  canApply: boolean;
}

export function EditActions({ state, controller, canApply }: EditActionsProps) {
  const [message, setMessage] = useState<string | null>(null);
  const after = state.result?.edit?.after;
  const ready = state.phase === 'done' && after !== undefined;
  const apply = async (): Promise<void> => {
    const answer = await controller.resultAction('apply');
    if (answer.ok) controller.dismiss();
    else setMessage(answer.message ?? 'Could not apply the edit: copy it instead.');
  };
  const discard = async (): Promise<void> => {
    if (state.phase !== 'done') {
      await controller.cancel();
      return;
    }
    await controller.resultAction('dismiss');
    controller.dismiss();
  };
  return (
    <>
      {message ? <p className="hud-line hint edit-message" role="status">{message}</p> : null}
      <div className="hud-actions edit-actions">
        {canApply ? (
          <button type="button" className="button primary" disabled={!ready} onClick={() => void apply()}>
            Apply
          </button>
        ) : null}
        <button type="button" className={`button${canApply ? '' : ' primary'}`} disabled={!ready} onClick={() => void controller.copy(after ?? '')}>
          Copy
        </button>
        <button type="button" className="button ghost" onClick={() => void discard()}>
          Discard
        </button>
      </div>
    </>
  );
}
