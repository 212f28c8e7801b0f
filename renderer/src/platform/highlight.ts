// Code colouring on demand: escaped plain text until highlight.js (~30 KB gzip, its own chunk) has loaded, then coloured HTML.
import { useSyncExternalStore } from 'react';

type Highlight = (code: string, language: string) => string | null;

let highlight: Highlight | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Starts loading highlight.js once (later calls share it); a failed load leaves code plain and may be tried again. */
export function loadHighlighter(): Promise<void> {
  loading ??= import('./highlight-languages')
    .then((m) => {
      highlight = m.highlightKnown;
      for (const listener of listeners) listener();
    })
    .catch(() => {
      loading = null;
    });
  return loading;
}

/** HTML for the code: coloured once highlight.js is loaded and knows the language, else plain escaped text. */
export function highlightToHtml(code: string, language: string | null | undefined): string {
  const lang = language?.toLowerCase();
  return (lang && highlight ? highlight(code, lang) : null) ?? escapeHtml(code);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  void loadHighlighter();
  return () => listeners.delete(listener);
}

/** True once highlight.js is loaded (starts the load): a component re-renders its code coloured when it arrives. */
export function useHighlighterReady(): boolean {
  return useSyncExternalStore(subscribe, () => highlight !== null);
}
