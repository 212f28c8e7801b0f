// The app shell: header with the host and Gemini mode, then the current view.
import { useEffect, useState } from 'react';
import type { Api, AppInfo } from '../../preload/contract';

export function App({ api }: { api: Api }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('app.info', {}).then(setInfo).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Voice CodeGen</h1>
        {info?.simulated ? <span className="badge badge-sim">simulated Gemini</span> : null}
        {info?.host === 'web' ? <span className="badge">browser mode</span> : null}
      </header>
      <main>
        {error ? <p role="alert">{error}</p> : null}
        {info?.note ? <p className="note">{info.note}</p> : null}
        <p>Hold <kbd>{info?.hotkey ?? '…'}</kbd> and speak, or type a request.</p>
      </main>
    </div>
  );
}
