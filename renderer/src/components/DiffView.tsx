// The edit diff: removed and added lines with a visible sign (not colour alone) and the changed words marked, updating as the answer streams.
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { diffSummary, lineDiff } from '../model/line-diff';
import { diffRowsHtml } from './diff-html';

export interface DiffViewProps {
  /** The selection being edited. */
  before: string;
  /** Its replacement: the streamed code so far, then the result's `edit.after`. */
  after: string;
  /** The answer is still streaming. */
  streaming?: boolean;
  label: string;
}

export function DiffView({ before, after, streaming = false, label }: DiffViewProps) {
  // While streaming, a burst of chunks is diffed once per render React can spare, not once per chunk.
  const shown = useDeferredValue(after);
  const diff = useMemo(() => lineDiff(before, shown, { partial: streaming }), [before, shown, streaming]);
  const html = useMemo(() => diffRowsHtml(diff.rows), [diff]);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = body.current;
    if (!el || !streaming) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [diff, streaming]);
  const summary = diffSummary(diff);
  return (
    <figure className="diff" aria-label={label} data-added={diff.added} data-removed={diff.removed} data-pending={diff.pending}>
      <figcaption className="diff-summary">
        <span className="diff-count diff-count-add">+{diff.added}</span> <span className="diff-count diff-count-del">−{diff.removed}</span>
        <span className="sr-only">{summary}</span>
        {diff.pending > 0 ? <span className="muted"> · {diff.pending} to come</span> : null}
        {diff.minimal ? null : <span className="muted"> · rewritten</span>}
      </figcaption>
      <div ref={body} className={`diff-body${streaming ? ' is-streaming' : ''}`} tabIndex={0} role="region" aria-label={`${label}: ${summary}`} aria-busy={streaming}>
        <pre className="diff-code">
          <code dangerouslySetInnerHTML={{ __html: html }} />
        </pre>
        {diff.hiddenRows > 0 ? <p className="diff-more muted">{diff.hiddenRows} more lines not shown</p> : null}
      </div>
    </figure>
  );
}
