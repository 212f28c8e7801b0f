// First run: a key or the demo, microphone permission, the hotkey; skippable, shown once per browser.
import { useState } from 'react';
import type { AppInfo } from '../../../preload/contract';
import { ApiKeyForm } from '../components/ApiKeyForm';
import { requestMicrophonePermission, type PermissionOutcome } from '../platform/microphones';

export interface OnboardingViewProps {
  info: AppInfo | null;
  onSaveKey: (key: string) => Promise<boolean>;
  keyStatus: string | null;
  onDone: () => void;
}

const MIC_TEXT: Record<PermissionOutcome, string> = {
  granted: 'Microphone allowed.',
  denied: 'The microphone was blocked. Allow it from the icon at the left of the address bar (or the system privacy settings), or type your requests instead.',
  unavailable: 'No microphone was found. Plug one in, or type your requests instead.',
};

export function OnboardingView({ info, onSaveKey, keyStatus, onDone }: OnboardingViewProps) {
  const [mic, setMic] = useState<PermissionOutcome | 'asking' | null>(null);
  const askMic = (): void => {
    setMic('asking');
    requestMicrophonePermission()
      .then(setMic)
      .catch(() => setMic('denied'));
  };
  return (
    <section className="onboarding" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">Welcome to Voice CodeGen</h2>
      <p>Hold a key, say what code you need, and get it streamed here and on the clipboard. Three quick steps:</p>
      <ol className="onboarding-steps">
        <li>
          <h3>1. Gemini</h3>
          {info?.simulated ? (
            <p>You are running the demo against a simulated Gemini on this machine: no key is needed and nothing leaves the computer.</p>
          ) : info?.hasApiKey ? (
            <p>A Gemini API key is already set.</p>
          ) : (
            <>
              <p>
                Paste a Gemini API key, or try everything without one: quit and run <kbd>npm run demo</kbd> to use the simulated Gemini.
              </p>
              <ApiKeyForm hasKey={false} status={keyStatus} onSave={onSaveKey} />
            </>
          )}
        </li>
        <li>
          <h3>2. Microphone</h3>
          <p>The browser asks once whether Voice CodeGen may use the microphone; audio is only captured while you hold the button or the hotkey.</p>
          <button type="button" className="button" onClick={askMic} disabled={mic === 'asking'}>
            {mic === 'granted' ? 'Microphone allowed' : 'Allow the microphone'}
          </button>
          <p role="status" className={mic === 'denied' || mic === 'unavailable' ? 'text-danger' : 'muted'}>
            {mic && mic !== 'asking' ? MIC_TEXT[mic] : ''}
          </p>
        </li>
        <li>
          <h3>3. Hotkey</h3>
          <p>
            {info?.hotkeyMode === 'toggle' ? 'Press' : 'Hold'} <kbd>{info?.hotkey ?? 'CommandOrControl+Shift+Space'}</kbd> anywhere in the desktop app, or hold the big button (Space when it has
            focus) in this window. <kbd>Esc</kbd> cancels. You can change the key and the mode in Settings.
          </p>
        </li>
      </ol>
      <div className="onboarding-actions">
        <button type="button" className="button primary" onClick={onDone}>
          Start dictating
        </button>
      </div>
    </section>
  );
}
