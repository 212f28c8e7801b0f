// The edit diff: removed and added lines with a visible sign (not colour alone) and the changed words marked, updating as the answer streams.
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { diffSummary, lineDiff, markWords, type DiffRow } from '../model/line-diff';
import { diffRowInnerHtml } from './diff-html';
import { covers, rowsInView, windowOf, type RowRange, type ScrollBox } from './diff-window';

export interface DiffViewProps {
  /** The selection being edited. */
  before: string;
  /** Its replacement: the streamed code so far, then the result's `edit.after`. */
  after: string;
  /** The answer is still streaming. */
  streaming?: boolean;
  label: string;
}

/** Until measured: .diff-code's 13px at line-height 1.5, its 8px padding, and a box as tall as the window at most. */
const ASSUMED: Omit<ScrollBox, 'scrollTop'> = { rowPx: 19.5, offset: 8, viewport: 800 };

/** One row; unchanged rows (same text, same marks) keep their DOM node while the answer streams. */
const DiffLine = memo(function DiffLine({ kind, html }: { kind: DiffRow['kind']; html: string }) {
  // Escaped by diffRowInnerHtml: the replacement is model output and never markup.
  return <span className={`diff-row diff-${kind}`} dangerouslySetInnerHTML={{ __html: html }} />;
});

export function DiffView({ before, after, streaming = false, label }: DiffViewProps) {
  // While streaming, a burst of chunks is diffed once per render React can spare, not once per chunk.
  const shown = useDeferredValue(after);
  // Words are marked only for the rows on screen (markWords below): a 500-line diff shows about 40.
  const diff = useMemo(() => lineDiff(before, shown, { partial: streaming, words: false }), [before, shown, streaming]);
  const body = useRef<HTMLDivElement>(null);
  const code = useRef<HTMLElement>(null);
  const box = useRef<ScrollBox>({ scrollTop: 0, ...ASSUMED, viewport: Math.min(ASSUMED.viewport * 2, Math.max(200, globalThis.innerHeight || ASSUMED.viewport)) });
  const [range, setRange] = useState<RowRange>(() => rowsInView(box.current));

  /** Reads the box's size and scroll position; renders other rows only when the ones in view are not all there. */
  const follow = useCallback((): void => {
    const el = body.current;
    if (!el) return;
    box.current = { ...box.current, scrollTop: el.scrollTop, viewport: el.clientHeight };
    // While the rows in view are all rendered, scrolling costs no render; past the margin, a new one on each side.
    const visible = rowsInView(box.current, 0);
    setRange((current) => (covers(current, visible) ? current : rowsInView(box.current)));
  }, []);

  // Measured after the first paint, not before it: the first frame shows the rows an assumed box needs (a window's
  // height of them), and is not held up by a forced layout.
  useEffect(() => {
    const el = body.current;
    const first = code.current;
    if (!el || !first) return;
    // Every row is one line high (styles.css: .diff-row height 1lh); the overlay's diff uses a smaller line.
    const rowPx = Number.parseFloat(getComputedStyle(first).lineHeight);
    const offset = first.offsetTop;
    if (Number.isFinite(rowPx) && rowPx > 0 && (rowPx !== box.current.rowPx || offset !== box.current.offset)) {
      box.current = { ...box.current, rowPx, offset };
      // The padding that stands for the rows out of view is in rows of the measured height.
      setRange((current) => ({ ...current }));
    }
    follow();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(follow);
    observer.observe(el);
    return () => observer.disconnect();
  }, [follow]);

  useEffect(() => {
    const el = body.current;
    if (!el || !streaming) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [diff, streaming]);

  const win = windowOf(range, diff.rows.length, box.current.rowPx);
  markWords(diff, win.start, win.end);
  const lines = [];
  for (let i = win.start; i < win.end; i++) {
    const row = diff.rows[i] as DiffRow;
    // Keyed by position: while the answer streams the rows above the change keep their elements.
    lines.push(<DiffLine key={i} kind={row.kind} html={diffRowInnerHtml(row)} />);
  }
  const summary = diffSummary(diff);
  return (
    <figure className="diff" aria-label={label} data-added={diff.added} data-removed={diff.removed} data-pending={diff.pending} data-rows={diff.rows.length}>
      <figcaption className="diff-summary">
        <span className="diff-count diff-count-add">+{diff.added}</span> <span className="diff-count diff-count-del">−{diff.removed}</span>
        <span className="sr-only">{summary}</span>
        {diff.pending > 0 ? <span className="muted"> · {diff.pending} to come</span> : null}
        {diff.minimal ? null : <span className="muted"> · rewritten</span>}
      </figcaption>
      <div ref={body} className={`diff-body${streaming ? ' is-streaming' : ''}`} tabIndex={0} role="region" aria-label={`${label}: ${summary}`} aria-busy={streaming} onScroll={follow}>
        <pre className="diff-code">
          {/* Rows out of view are padding of their height: the scroll bar and scrolling work as if all were there. */}
          <code ref={code} style={{ paddingTop: win.padTop, paddingBottom: win.padBottom }} data-first-row={win.start}>
            {lines}
          </code>
        </pre>
        {diff.hiddenRows > 0 ? <p className="diff-more muted">{diff.hiddenRows} more lines not shown</p> : null}
      </div>
    </figure>
  );
}
