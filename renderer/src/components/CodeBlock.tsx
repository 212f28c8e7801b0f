// A highlighted, focusable (so it scrolls by keyboard) block of code.
import { useMemo } from 'react';
import { highlightToHtml } from '../platform/highlight';

export interface CodeBlockProps {
  code: string;
  language: string | null;
  label: string;
  streaming?: boolean;
}

export function CodeBlock({ code, language, label, streaming = false }: CodeBlockProps) {
  const html = useMemo(() => highlightToHtml(code, language), [code, language]);
  return (
    <pre className={`code-block${streaming ? ' is-streaming' : ''}`} tabIndex={0} aria-label={label} aria-busy={streaming}>
      <code className="hljs" dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  );
}
