// The overlay's result buttons: Paste and Open in the main window (desktop only), Copy, Dismiss, each with its live chord.
import { useMemo, useSyncExternalStore } from 'react';
import type { ResultAction } from '../../../preload/contract';
import type { DictationController } from '../controllers/dictation-controller';
import type { OverlayActions } from '../controllers/overlay-actions';
import type { DictationState } from '../model/dictation-state';
import { formatAccelerator } from '../model/format';

export interface HudResultActionsProps {
  state: DictationState;
  controller: DictationController;
  /** Present in the desktop overlay: main pastes, opens and hides; absent (browser): copy and dismiss only. */
  actions?: OverlayActions;
}

const LABELS: Record<ResultAction, string> = { paste: 'paste', apply: 'apply', copy: 'copy', 'open-main': 'open', dismiss: 'dismiss' };

/**
 * One line for the live chords: they share their modifiers, so "Ctrl+Alt+Shift + Enter paste · Y copy · X dismiss"
 * fits the HUD's width where a chord on every button would not.
 */
export function chordLine(keys: Partial<Record<ResultAction, string>>): string | null {
  const entries = (Object.entries(keys) as [ResultAction, string][]).filter(([, a]) => a.includes('+'));
  if (entries.length === 0) return null;
  const split = entries.map(([action, a]) => ({ action, mods: a.slice(0, a.lastIndexOf('+')), key: a.slice(a.lastIndexOf('+') + 1) }));
  const shared = split.every((e) => e.mods === split[0]?.mods) ? split[0]?.mods : undefined;
  if (shared === undefined) return split.map((e) => `${formatAccelerator(`${e.mods}+${e.key}`)} ${LABELS[e.action]}`).join(' · ');
  const prefix = formatAccelerator(`${shared}+X`).replace(/\+?X$/, '');
  return `${prefix} + ${split.map((e) => `${e.key} ${LABELS[e.action]}`).join(' · ')}`;
}

/** A button with its chord for assistive tech (aria-keyshortcuts) and a tooltip; the chord line shows them all. */
function ActionButton({ label, accelerator, primary, disabled, onClick }: { label: string; accelerator: string | undefined; primary?: boolean; disabled?: boolean; onClick: () => void }) {
  return (
    <button type="button" className={`button${primary ? ' primary' : ' ghost'}`} onClick={onClick} disabled={disabled} {...(accelerator ? { 'aria-keyshortcuts': accelerator.replace(/CommandOrControl/g, 'Control'), title: formatAccelerator(accelerator) } : {})}>
      {label}
    </button>
  );
}

const idle = { requestId: null, keys: {}, message: null };

export function HudResultActions({ state, controller, actions }: HudResultActionsProps) {
  const subscribe = useMemo(() => actions?.subscribe ?? (() => () => undefined), [actions]);
  const live = useSyncExternalStore(subscribe, actions?.getState ?? (() => idle));
  const requestId = state.requestId;
  const result = state.result;
  // live (subscribed above) re-renders when the chords change; keyFor reads the same state.
  const key = (action: ResultAction): string | undefined => actions?.keyFor(requestId, action);
  const chords = requestId !== null && live.requestId === requestId ? chordLine(live.keys) : null;
  const run = (action: ResultAction): void => {
    if (actions && requestId !== null) void actions.run(requestId, action);
  };
  const dismiss = (): void => {
    run('dismiss');
    controller.dismiss();
  };
  const hasCode = Boolean(result?.code);
  return (
    <>
      <div className="hud-actions">
        {actions ? <ActionButton label="Paste" primary accelerator={key('paste')} disabled={!hasCode} onClick={() => run('paste')} /> : null}
        <ActionButton label={actions ? 'Copy' : 'Copy code'} primary={!actions} accelerator={key('copy')} disabled={!hasCode} onClick={() => (actions ? run('copy') : void controller.copy(result?.code ?? ''))} />
        {actions ? <ActionButton label="Open" accelerator={key('open-main')} onClick={() => run('open-main')} /> : null}
        <ActionButton label="Dismiss" accelerator={key('dismiss')} onClick={dismiss} />
      </div>
      {chords ? (
        <p className="hud-line hint hud-chords" title={chords}>
          <span className="sr-only">Keys: </span>
          {chords}
        </p>
      ) : null}
      {live.message ? (
        <p className="hud-line hint" role="status">
          {live.message}
        </p>
      ) : null}
    </>
  );
}
