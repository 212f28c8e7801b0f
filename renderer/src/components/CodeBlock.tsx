// A highlighted, focusable (so it scrolls by keyboard) block of code.
import { useEffect, useMemo, useRef } from 'react';
import { highlightToHtml, useHighlighterReady } from '../platform/highlight';

export interface CodeBlockProps {
  code: string;
  language: string | null;
  label: string;
  streaming?: boolean;
  /** 1-based lines the syntax check found errors on: marked in the margin. */
  errorLines?: ReadonlySet<number>;
}

export function CodeBlock({ code, language, label, streaming = false, errorLines }: CodeBlockProps) {
  // Plain text for the moment highlight.js takes to load (it is not in the initial chunk), coloured after.
  const highlighted = useHighlighterReady();
  const html = useMemo(() => highlightToHtml(code, language), [code, language, highlighted]);
  const pre = useRef<HTMLPreElement>(null);
  // Follow the stream to its newest line, unless the user scrolled up to read.
  useEffect(() => {
    const el = pre.current;
    if (!el || !streaming) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [html, streaming]);
  return (
    <pre ref={pre} className={`code-block${streaming ? ' is-streaming' : ''}`} tabIndex={0} role="region" aria-label={label} aria-busy={streaming}>
      {[...(errorLines ?? [])].map((line) => (
        <span key={line} className="error-line" style={{ top: `calc(var(--code-pad-top) + ${line - 1} * 1.5em)` }} aria-hidden="true" data-line={line} />
      ))}
      <code className="hljs" dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  );
}
