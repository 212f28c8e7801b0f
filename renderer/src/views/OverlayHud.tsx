// The overlay: a compact HUD that shows one state at a time (listening, writing, done, error) and fits the size main gives it (overlay-size.ts).
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../preload/contract';
import { CodeBlock } from '../components/CodeBlock';
import { HudResultActions } from '../components/HudResultActions';
import { EditActions, editStatus } from '../components/EditActions';
import { DiffView } from '../components/DiffView';
import { LevelMeter } from '../components/LevelMeter';
import { ProfileSwitch } from '../components/ProfileSwitch';
import { PushToTalkButton } from '../components/PushToTalkButton';
import { TextRequestForm } from '../components/TextRequestForm';
import { WaitingStatus } from '../components/WaitingStatus';
import type { DictationController } from '../controllers/dictation-controller';
import type { OverlayActions } from '../controllers/overlay-actions';
import { useStore } from '../controllers/use-store';
import { isBusy, streamingCode, streamingLanguage, type DictationState } from '../model/dictation-state';
import { ERROR_ACTION_LABELS, useNow } from '../components/ErrorNotice';
import { errorHelp, type ErrorAction } from '../model/error-help';

export interface OverlayHudProps {
  controller: DictationController;
  info: AppInfo | null;
  onOpenSettings: () => void;
  /** The desktop overlay's buttons that main carries out (paste, open in the main window, hide); absent in the browser. */
  actions?: OverlayActions;
}

function lineCount(code: string): number {
  return code === '' ? 0 : code.replace(/\n$/, '').split('\n').length;
}

/** Seconds since the microphone opened, while it is open. */
function useElapsed(active: boolean): number {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!active) return;
    const started = performance.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Math.floor((performance.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, [active]);
  return elapsed;
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function statusOf(state: DictationState, elapsed: number): string {
  const edit = editStatus(state, clock(elapsed));
  if (edit) return edit;
  switch (state.phase) {
    case 'starting':
      return 'Starting the microphone…';
    case 'listening':
      return `Listening · ${clock(elapsed)}`;
    case 'transcribing':
      return 'Transcribing…';
    case 'generating':
      return state.streamed ? 'Writing code…' : 'Asking Gemini…';
    case 'waiting':
      return 'Waiting for Gemini…';
    case 'done': {
      const result = state.result;
      if (!result) return 'Done';
      if (!result.code) return 'Answer';
      const copied = state.copied === 'copied' || result.copied ? ' · copied' : '';
      return `${result.complete ? 'Done' : 'Incomplete'} · ${lineCount(result.code)} lines of ${result.language}${copied}`;
    }
    case 'error':
      // HudError shows the title (with its live countdown) in the body's place.
      return 'Stopped';
    case 'cancelled':
      return 'Cancelled';
    default:
      return 'Ready';
  }
}

export function OverlayHud({ controller, info, onOpenSettings, actions }: OverlayHudProps) {
  const state = useStore(controller);
  const listening = state.phase === 'listening' || state.phase === 'starting';
  const elapsed = useElapsed(listening);
  const mode = info?.hotkeyMode ?? 'push-to-talk';
  const hotkey = info?.host === 'web' ? null : info?.hotkey ?? null;
  const transcript = state.transcript || state.partial;
  const code = state.result ? state.result.code : streamingCode(state.streamed);
  const language = state.result?.language ?? streamingLanguage(state.streamed);
  // An incomplete answer (MAX_TOKENS, SAFETY, RECITATION) arrives as a result and an error: the HUD shows the error, with Continue.
  const edit = state.edit;
  const kind = state.phase === 'error' || (state.phase === 'done' && state.error) ? 'error' : state.phase === 'done' ? 'done' : state.phase === 'generating' || state.phase === 'waiting' || (state.phase === 'transcribing' && code) ? 'writing' : listening || state.phase === 'transcribing' ? 'listening' : 'idle';

  return (
    <div className="hud" data-state={kind}>
      <div className="hud-bar">
        <span className={`hud-dot hud-dot-${kind}`} aria-hidden="true" />
        <p className="status hud-status" role="status" data-phase={state.phase}>
          {state.phase === 'waiting' && state.waiting ? <WaitingStatus waiting={state.waiting} /> : statusOf(state, elapsed)}
        </p>
        {info?.simulated ? <span className="badge badge-sim">simulated</span> : null}
        {kind === 'listening' || kind === 'writing' ? <span className="hud-keys"><kbd>Esc</kbd> cancels</span> : null}
        {/* Stays mounted from idle to listening (unmounting it would end the hold); after a result or an error it starts the next dictation. */}
        {kind !== 'writing' ? (
          <PushToTalkButton inline active={listening} mode={mode} onPress={() => void controller.startVoice()} onRelease={() => void controller.stopVoice()} />
        ) : null}
      </div>

      {kind === 'idle' ? (
        <>
          <p className="hud-line hint" id="ptt-hint">
            {hotkey ? <>{mode === 'toggle' ? 'Press' : 'Hold'} <kbd>{hotkey}</kbd> or the button to talk, or type:</> : `${mode === 'toggle' ? 'Press' : 'Hold'} the button to talk, or type:`}
          </p>
          <TextRequestForm onSubmit={(text) => void controller.submitText(text)} busy={isBusy(state)} compact />
        </>
      ) : null}

      {state.profile && kind !== 'idle' && kind !== 'error' ? (
        <ProfileSwitch profile={state.profile} {...(kind === 'listening' ? { onSwitch: (id) => void controller.switchProfile(id) } : {})} />
      ) : null}

      {kind === 'listening' ? (
        <>
          <p className={`hud-partial${state.transcript ? '' : ' is-partial'}`} aria-live="polite">
            {transcript || 'Speak now…'}
          </p>
          <LevelMeter level={state.level} active={listening} />
          <p className="hud-line hint" id="ptt-hint">{mode === 'toggle' ? 'Press again to send.' : 'Release to send.'}</p>
        </>
      ) : null}

      {kind === 'writing' || kind === 'done' ? (
        <>
          <p className="hud-transcript" title={transcript}>
            {transcript}
          </p>
          {edit ? (
            <section className="result hud-result" aria-label="Edit">
              <DiffView before={edit.before} after={state.result?.edit?.after ?? code} streaming={kind === 'writing'} label={`Changes to ${edit.lines} ${edit.lines === 1 ? 'line' : 'lines'}`} />
            </section>
          ) : code || kind === 'done' ? (
            <section className="result hud-result" aria-label="Generated code">
              <CodeBlock code={code || ' '} language={language} label={language ? `Generated ${language} code` : 'Generated code'} streaming={kind === 'writing'} />
            </section>
          ) : null}
        </>
      ) : null}

      {edit && (kind === 'writing' || kind === 'done') ? <EditActions state={state} controller={controller} canApply={info !== null && info.host !== 'web'} /> : null}

      {kind === 'done' && state.result && !edit ? <HudResultActions state={state} controller={controller} {...(actions ? { actions } : {})} /> : null}

      {kind === 'error' && state.error ? <HudError state={state} controller={controller} onOpenSettings={onOpenSettings} onDismiss={() => {
        if (actions && state.requestId !== null) void actions.run(state.requestId, 'dismiss');
        controller.dismiss();
      }} /> : null}
    </div>
  );
}

/** The error state: the table's title (live countdown), one line of cause, the actions; Details live in the main window. */
function HudError({ state, controller, onOpenSettings, onDismiss }: { state: DictationState; controller: DictationController; onOpenSettings: () => void; onDismiss: () => void }) {
  const error = state.error;
  const first = error ? errorHelp(error, { ...(state.errorAt ? { receivedAt: state.errorAt } : {}) }) : null;
  const now = useNow(first?.countdownTo);
  if (!error) return null;
  const help = errorHelp(error, { ...(state.errorAt ? { receivedAt: state.errorAt } : {}), now });
  const result = state.result;
  const handlers: Record<ErrorAction, (() => void) | undefined> = {
    'change-key': onOpenSettings,
    'open-settings': onOpenSettings,
    retry: state.transcript ? () => void controller.submitText(state.transcript) : undefined,
    continue: result && !result.complete && result.code ? () => void controller.continueAnswer() : undefined,
  };
  const actions = help.actions.filter((a) => handlers[a] !== undefined);
  return (
    <div className={`hud-error tone-${help.tone}`} role="alert" data-code={error.code}>
      <h2 className="hud-error-title">{help.title}</h2>
      <p className="hud-cause" title={`${help.cause} ${help.advice}`}>
        {help.cause} <span className="muted">{help.advice}</span>
      </p>
      <div className="hud-actions">
        {actions.map((a, i) => (
          <button key={a} type="button" className={`button${i === 0 ? ' primary' : ''}`} onClick={handlers[a]}>
            {ERROR_ACTION_LABELS[a]}
          </button>
        ))}
        <button type="button" className="button ghost" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
