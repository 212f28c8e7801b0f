// The overlay: a compact HUD that shows one state at a time (listening, writing, done, error) and fits the size main gives it (overlay-size.ts).
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../preload/contract';
import { CodeBlock } from '../components/CodeBlock';
import { LevelMeter } from '../components/LevelMeter';
import { PushToTalkButton } from '../components/PushToTalkButton';
import { TextRequestForm } from '../components/TextRequestForm';
import type { DictationController } from '../controllers/dictation-controller';
import { useStore } from '../controllers/use-store';
import { isBusy, streamingCode, streamingLanguage, type DictationState } from '../model/dictation-state';
import { errorHelp } from '../model/error-help';

export interface OverlayHudProps {
  controller: DictationController;
  info: AppInfo | null;
  onOpenSettings: () => void;
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
  switch (state.phase) {
    case 'starting':
      return 'Starting the microphone…';
    case 'listening':
      return `Listening · ${clock(elapsed)}`;
    case 'transcribing':
      return 'Transcribing…';
    case 'generating':
      return 'Writing code…';
    case 'done': {
      const result = state.result;
      if (!result) return 'Done';
      if (!result.code) return 'Answer';
      const copied = state.copied === 'copied' || result.copied ? ' · copied' : '';
      return `${result.complete ? 'Done' : 'Incomplete'} · ${lineCount(result.code)} lines of ${result.language}${copied}`;
    }
    case 'error':
      return state.error ? errorHelp(state.error).title : 'Stopped';
    case 'cancelled':
      return 'Cancelled';
    default:
      return 'Ready';
  }
}

export function OverlayHud({ controller, info, onOpenSettings }: OverlayHudProps) {
  const state = useStore(controller);
  const listening = state.phase === 'listening' || state.phase === 'starting';
  const elapsed = useElapsed(listening);
  const mode = info?.hotkeyMode ?? 'push-to-talk';
  const hotkey = info?.host === 'web' ? null : info?.hotkey ?? null;
  const transcript = state.transcript || state.partial;
  const code = state.result ? state.result.code : streamingCode(state.streamed);
  const language = state.result?.language ?? streamingLanguage(state.streamed);
  const kind = state.phase === 'error' ? 'error' : state.phase === 'done' ? 'done' : state.phase === 'generating' || (state.phase === 'transcribing' && code) ? 'writing' : listening || state.phase === 'transcribing' ? 'listening' : 'idle';

  return (
    <div className="hud" data-state={kind}>
      <div className="hud-bar">
        <span className={`hud-dot hud-dot-${kind}`} aria-hidden="true" />
        <p className="hud-status" role="status" data-phase={state.phase}>
          {statusOf(state, elapsed)}
        </p>
        {info?.simulated ? <span className="badge badge-sim">simulated</span> : null}
        {kind === 'listening' || kind === 'writing' ? <span className="hud-keys"><kbd>Esc</kbd> cancels</span> : null}
        {/* Stays mounted from idle to listening: unmounting it would end the hold. */}
        {kind === 'idle' || kind === 'listening' ? (
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
          <CodeBlock code={code || ' '} language={language} label={language ? `Generated ${language} code` : 'Generated code'} streaming={kind === 'writing'} />
        </>
      ) : null}

      {kind === 'done' && state.result ? (
        <div className="hud-actions">
          <button type="button" className="button primary" onClick={() => void controller.copy(state.result?.code ?? '')} disabled={!state.result.code}>
            {state.copied === 'copied' ? 'Copied' : 'Copy code'}
          </button>
          <button type="button" className="button ghost" onClick={() => controller.dismiss()}>
            Dismiss
          </button>
        </div>
      ) : null}

      {kind === 'error' && state.error ? (
        <>
          <p className="hud-cause" title={state.error.message}>
            {state.error.message}
          </p>
          <div className="hud-actions">
            {errorHelp(state.error).action === 'open-settings' ? (
              <button type="button" className="button primary" onClick={onOpenSettings}>
                Open Settings
              </button>
            ) : null}
            {errorHelp(state.error).action === 'retry' && state.source === 'text' && state.transcript ? (
              <button type="button" className="button" onClick={() => void controller.submitText(state.transcript)}>
                Try again
              </button>
            ) : null}
            <button type="button" className="button ghost" onClick={() => controller.dismiss()}>
              Dismiss
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
