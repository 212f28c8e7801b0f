// The one-time notice of what leaves the machine (audio, and clipboard text only when a request refers to it).

export function PrivacyNotice({ onAccept, simulated }: { onAccept: () => void; simulated: boolean }) {
  return (
    <aside className="privacy-notice" aria-labelledby="privacy-notice-title">
      <h2 id="privacy-notice-title">What is sent to Google</h2>
      <p>
        While you hold the button, your voice is streamed to Gemini to be transcribed; the transcript goes to Gemini to write the code. Clipboard text is
        sent only when a request refers to it (&ldquo;explain this&rdquo;), and secrets are redacted first. Audio is not kept unless you choose so in Settings.
        {simulated ? ' Right now Gemini is simulated on this machine: nothing leaves it.' : ''}
      </p>
      <button type="button" className="button" onClick={onAccept}>
        Got it
      </button>
    </aside>
  );
}
