// The dictation view: push-to-talk, level, live transcript, streamed highlighted code, cache badge, copy, timings, errors, typed requests.
import { useState } from 'react';
import type { AppInfo } from '../../../preload/contract';
import { errorLines, withheldReason } from '../../../preload/check-text';
import { CachedBadge } from '../components/CachedBadge';
import { CheckBadge, CheckErrors } from '../components/CheckBadge';
import { CodeBlock } from '../components/CodeBlock';
import { CopyButton } from '../components/CopyButton';
import { DiffView } from '../components/DiffView';
import { EditorPane, EditorToggle, editorOpenAtStart } from '../components/EditorPane';
import { ErrorNotice } from '../components/ErrorNotice';
import { LevelMeter } from '../components/LevelMeter';
import { PrivacyNotice } from '../components/PrivacyNotice';
import { PushToTalkButton } from '../components/PushToTalkButton';
import { QuickCommands } from '../components/QuickCommands';
import { TextRequestForm } from '../components/TextRequestForm';
import { TimingBar } from '../components/TimingBar';
import type { DictationController } from '../controllers/dictation-controller';
import { useStore } from '../controllers/use-store';
import { hasAnyTiming, type Budget, type Stage } from '../model/budgets';
import { isBusy, streamingCode, streamingLanguage, type DictationPhase, type DictationState } from '../model/dictation-state';
import { WaitingStatus } from '../components/WaitingStatus';
import { DictionaryConfirm } from '../components/DictionaryConfirm';
import { formatAccelerator, intentLabel } from '../model/format';
import { readBrowserClipboard } from '../platform/clipboard';

const STATUS: Record<DictationPhase, string> = {
  idle: 'Ready',
  starting: 'Starting the microphone…',
  listening: 'Listening…',
  transcribing: 'Transcribing…',
  waiting: 'Waiting for Gemini…',
  generating: 'Writing code…',
  done: 'Done',
  error: 'Stopped',
  cancelled: 'Cancelled',
};

/** The demo must not pass a scripted transcript off as the user's words. */
const SCRIPTED_NOTICE = 'Demo: the simulated Gemini does not hear you. Speech gets a scripted transcript; typed requests are answered as typed. With a Gemini key your own words are transcribed.';

/** The status line: a countdown while a retry waits; "writing" only once code arrives. */
function statusText(state: DictationState) {
  if (state.phase === 'waiting' && state.waiting) return <WaitingStatus waiting={state.waiting} />;
  if (state.phase === 'generating' && !state.streamed) return 'Asking Gemini…';
  return STATUS[state.phase];
}

export interface DictationViewProps {
  controller: DictationController;
  info: AppInfo | null;
  budgets: Record<Stage, Budget>;
  compact: boolean;
  showNotice: boolean;
  onAcceptNotice: () => void;
  onOpenSettings: () => void;
  /** Saves a term the user asked to add by voice, after checking its spelling (dictionary.add). */
  onAddTerm?: (term: string, spoken: string) => Promise<boolean>;
}

export function DictationView({ controller, info, budgets, compact, showNotice, onAcceptNotice, onOpenSettings, onAddTerm }: DictationViewProps) {
  const state = useStore(controller);
  const mode = info?.hotkeyMode ?? 'push-to-talk';
  const hotkey = info?.hotkey ?? 'the hotkey';
  const listening = state.phase === 'listening' || state.phase === 'starting';
  const result = state.result;
  const code = result ? result.code : streamingCode(state.streamed);
  const language = result?.language ?? streamingLanguage(state.streamed) ?? (state.intent?.slots.language ?? null);
  const transcript = state.transcript || state.partial;
  const showTranscript = transcript.length > 0 || state.phase === 'listening' || state.phase === 'transcribing';
  const busy = isBusy(state);
  const editorAvailable = info?.host === 'web' && !compact;
  const [editorOpen, setEditorOpen] = useState(editorOpenAtStart);

  return (
    <div className={`dictation${compact ? ' is-compact' : ''}${code || result ? ' has-output' : ''}`}>
      {showNotice && !compact ? <PrivacyNotice onAccept={onAcceptNotice} simulated={info?.simulated ?? false} /> : null}
      <div className="dictation-controls">
        <PushToTalkButton
          active={listening}
          mode={mode}
          compact={compact}
          onPress={() => void controller.startVoice()}
          onRelease={() => void controller.stopVoice()}
        />
        <div className="dictation-side">
          {compact ? (
            <p id="ptt-hint" className="hint">
              {mode === 'toggle' ? 'Press' : 'Hold'} {info?.host === 'web' ? <kbd>Space</kbd> : <kbd>{formatAccelerator(hotkey)}</kbd>} or the button · <kbd>Esc</kbd> cancels
            </p>
          ) : (
            <p id="ptt-hint" className="hint">
              {info?.host === 'web' ? (
                <>
                  {mode === 'toggle' ? 'Press' : 'Hold'} <kbd>Space</kbd> (outside a text field) or the button to talk. <kbd>Esc</kbd> cancels, <kbd>?</kbd> lists the shortcuts.
                </>
              ) : (
                <>
                  {mode === 'toggle' ? 'Press' : 'Hold'} <kbd>{formatAccelerator(hotkey)}</kbd> anywhere, or {mode === 'toggle' ? 'press' : 'hold'} the button or <kbd>Space</kbd>. <kbd>Esc</kbd> cancels, <kbd>?</kbd> lists the shortcuts.
                </>
              )}
            </p>
          )}
          {info?.simulated && !compact ? <p className="hint sim-notice">{SCRIPTED_NOTICE}</p> : null}
          <LevelMeter level={state.level} active={listening} />
          <p className="status" role="status" data-phase={state.phase}>
            {statusText(state)}
            {state.intent && !compact ? <span className="status-intent"> · {intentLabel(state.intent.name)}</span> : null}
          </p>
        </div>
      </div>

      <div className="dictation-body">
      {showTranscript && !(compact && state.error) ? (
        <section className="transcript" aria-label="Transcript">
          <h2 className="section-title">
            {state.transcript ? 'You said' : 'Hearing'}
            {info?.simulated && state.source === 'voice' ? <span className="badge badge-sim scripted-mark" title={SCRIPTED_NOTICE}>scripted transcript</span> : null}
          </h2>
          <p className={`transcript-text${state.transcript ? '' : ' is-partial'}`} aria-live="polite">
            {transcript || '…'}
          </p>
        </section>
      ) : null}

      {state.error ? (
        <ErrorNotice
          error={state.error}
          receivedAt={state.errorAt}
          hotkey={hotkey}
          input={info?.host === 'electron' ? mode : 'button'}
          compact={compact}
          onOpenSettings={onOpenSettings}
          onRetry={state.transcript ? () => void controller.submitText(state.transcript) : undefined}
          onContinue={result && !result.complete && result.code ? () => void controller.continueAnswer() : undefined}
          onDismiss={() => controller.dismiss()}
        />
      ) : null}

      {state.edit && (code || result) ? (
        <section className="result" aria-label="Edit">
          <div className="result-header">
            <h2 className="section-title">Edit{state.edit.app ? ` in ${state.edit.app}` : ''}</h2>
            {language ? <span className="badge badge-lang">{language}</span> : null}
            {result?.cached ? <CachedBadge tier={result.cached.tier} ageMs={result.cached.ageMs} /> : null}
            <span className="spacer" />
            {result?.edit ? <CopyButton key={state.requestId ?? 0} onCopy={() => controller.copy(result.edit?.after ?? '')} idleStatus="" /> : null}
          </div>
          <DiffView before={state.edit.before} after={result?.edit?.after ?? code} streaming={!result} label={`Changes to ${state.edit.lines} ${state.edit.lines === 1 ? 'line' : 'lines'}`} />
        </section>
      ) : code || (state.phase === 'generating' && state.streamed) ? (
        <section className="result" aria-label="Generated code">
          <div className="result-header">
            <h2 className="section-title">Code</h2>
            {language ? <span className="badge badge-lang">{language}</span> : null}
            {result?.cached ? <CachedBadge tier={result.cached.tier} ageMs={result.cached.ageMs} /> : null}
            {result && !result.complete ? <span className="badge badge-warn">incomplete ({result.finishReason})</span> : null}
            {result?.check ? <CheckBadge check={result.check} /> : null}
            <span className="spacer" />
            {result && result.code ? <CopyButton key={state.requestId ?? 0} onCopy={() => controller.copy(result.code)} idleStatus={state.copied === 'copied' ? copiedStatus(result) : ''} /> : null}
          </div>
          <CodeBlock code={code || ' '} language={language} label={language ? `Generated ${language} code` : 'Generated code'} streaming={!result} errorLines={errorLines(result?.check)} />
          {result?.check ? <CheckErrors check={result.check} /> : null}
        </section>
      ) : null}

      {result?.dictionaryAdd && onAddTerm ? <DictionaryConfirm key={state.requestId ?? 0} heard={result.dictionaryAdd.term} onSave={onAddTerm} /> : null}

      {result && !result.code && result.answer ? (
        <section className="result" aria-label="Answer">
          <h2 className="section-title">Answer</h2>
          <p className="answer">{result.answer}</p>
        </section>
      ) : null}

      {hasAnyTiming(state.timings) ? <TimingBar timings={state.timings} budgets={budgets} compact={compact} /> : null}
      </div>

      {editorAvailable && editorOpen ? <EditorPane controller={controller} /> : null}
      {/* The small overlay has no room for both: while an error says what to do, it gets the space. */}
      {compact && state.error ? null : <TextRequestForm onSubmit={(text) => void controller.submitText(text)} busy={busy} compact={compact} />}
      {/* In the browser the page reads the clipboard on the click; the desktop app's main process reads the system one. */}
      {compact ? null : (
        <div className="dictation-footer">
          <QuickCommands onRun={(command) => void controller.submitQuick(command, info?.host === 'web' ? readBrowserClipboard : undefined)} />
          {editorAvailable ? <EditorToggle open={editorOpen} onToggle={() => setEditorOpen((o) => !o)} /> : null}
        </div>
      )}
    </div>
  );
}

/** "On the clipboard", or why it was only copied: "2 syntax errors: copied, not pasted". */
function copiedStatus(result: { check?: Parameters<typeof withheldReason>[0] }): string {
  const withheld = withheldReason(result.check);
  return withheld ? `${withheld}: copied, not pasted` : 'On the clipboard';
}
