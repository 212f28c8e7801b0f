// Renderer entry: connects the Api, then renders the app with the AudioWorklet microphone capture.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectApi } from './api/connect';
import { startCapture } from './capture/capture';
import { loadHighlighter } from './platform/highlight';
import './styles.css';

const rootElement = document.getElementById('root');
if (rootElement) {
  const root = createRoot(rootElement);
  connectApi()
    .then((api) => {
      root.render(<App api={api} startCapture={startCapture} />);
      // highlight.js is not in the initial chunk: fetch it once the window is idle, before any code needs colouring.
      requestIdleCallback(() => void loadHighlighter());
    })
    .catch((error: unknown) => {
      root.render(
        <main className="fatal" role="alert">
          <h1>Voice CodeGen</h1>
          <p>{error instanceof Error ? error.message : String(error)}</p>
        </main>,
      );
    });
}
