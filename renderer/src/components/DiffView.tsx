// The edit diff: removed and added lines with a visible sign (not colour alone) and the changed words marked, updating as the answer streams.
import { memo, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { diffSummary, lineDiff, type DiffRow, type DiffSegment } from '../model/line-diff';

export interface DiffViewProps {
  /** The selection being edited. */
  before: string;
  /** Its replacement: the streamed code so far, then the result's `edit.after`. */
  after: string;
  /** The answer is still streaming. */
  streaming?: boolean;
  label: string;
}

const SIGN: Record<DiffRow['kind'], string> = { same: ' ', add: '+', del: '−' };
const SPOKEN: Record<DiffRow['kind'], string> = { same: '', add: 'added: ', del: 'removed: ' };

function Words({ segments, kind }: { segments: DiffSegment[]; kind: 'add' | 'del' }) {
  return (
    <>
      {segments.map((s, i) => (s.changed ? (kind === 'add' ? <ins key={i} className="diff-word">{s.text}</ins> : <del key={i} className="diff-word">{s.text}</del>) : s.text))}
    </>
  );
}

/** One row; each re-diff makes new row objects, so memo compares what a row shows (a streamed chunk re-renders only the rows it changed). */
const Row = memo(
  function Row({ row }: { row: DiffRow }) {
    return (
      <span className={`diff-row diff-${row.kind}`}>
        <span className="diff-sign" aria-hidden="true">{SIGN[row.kind]}</span>
        {row.kind === 'same' ? null : <span className="sr-only">{SPOKEN[row.kind]}</span>}
        {row.kind !== 'same' && row.segments ? <Words segments={row.segments} kind={row.kind} /> : row.text || ' '}
        {'\n'}
      </span>
    );
  },
  (a, b) => a.row.kind === b.row.kind && a.row.text === b.row.text && sameSegments(a.row, b.row),
);

function sameSegments(a: DiffRow, b: DiffRow): boolean {
  const sa = a.kind === 'same' ? undefined : a.segments;
  const sb = b.kind === 'same' ? undefined : b.segments;
  if (sa === sb) return true;
  if (!sa || !sb || sa.length !== sb.length) return false;
  return sa.every((s, i) => s.text === sb[i]?.text && s.changed === sb[i]?.changed);
}

export function DiffView({ before, after, streaming = false, label }: DiffViewProps) {
  // While streaming, a burst of chunks is diffed once per render React can spare, not once per chunk.
  const shown = useDeferredValue(after);
  const diff = useMemo(() => lineDiff(before, shown, { partial: streaming }), [before, shown, streaming]);
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
          <code>
            {diff.rows.map((row, i) => (
              <Row key={i} row={row} />
            ))}
          </code>
        </pre>
        {diff.hiddenRows > 0 ? <p className="diff-more muted">{diff.hiddenRows} more lines not shown</p> : null}
      </div>
    </figure>
  );
}
