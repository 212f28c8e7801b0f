// Which rows of a long diff to put in the DOM: those in its scrolling box plus a margin, the rest stood in for by padding.

/** What the scrolling box shows, in CSS pixels. */
export interface ScrollBox {
  scrollTop: number;
  /** The box's inner height. */
  viewport: number;
  /** One row's height (every row is one line high). */
  rowPx: number;
  /** Pixels between the top of the scrolled content and the first row. */
  offset: number;
}

/** Rows `start` (included) to `end` (excluded); not yet bounded by how many rows there are. */
export interface RowRange {
  start: number;
  end: number;
}

/** Rows rendered beyond each edge of the box, so a scroll by a few lines shows rows that are already there. */
export const OVERSCAN_ROWS = 12;
/** Rows at most, whatever a broken measurement says: a window never grows into the whole diff of a huge answer. */
export const MAX_WINDOW_ROWS = 400;

const finite = (n: number, fallback: number): number => (Number.isFinite(n) ? n : fallback);

/** The rows in view plus OVERSCAN_ROWS on each side. */
export function rowsInView(box: ScrollBox, overscan = OVERSCAN_ROWS): RowRange {
  const rowPx = finite(box.rowPx, 0) > 0 ? box.rowPx : 1;
  const top = Math.max(0, finite(box.scrollTop, 0) - finite(box.offset, 0));
  const viewport = Math.max(0, finite(box.viewport, 0));
  const first = Math.floor(top / rowPx);
  const last = Math.ceil((top + viewport) / rowPx);
  const start = Math.max(0, first - overscan);
  return { start, end: Math.min(Math.max(last + overscan, start), start + MAX_WINDOW_ROWS) };
}

/** The range bounded by the rows there are, and the padding that stands in for the rows above and below it. */
export function windowOf(range: RowRange, rows: number, rowPx: number): RowRange & { padTop: number; padBottom: number } {
  const end = Math.min(range.end, rows);
  const start = Math.min(range.start, end);
  return { start, end, padTop: start * rowPx, padBottom: (rows - end) * rowPx };
}

/** Whether every row of `inner` (the rows in view) is among those of `outer` (the rows rendered). */
export function covers(outer: RowRange, inner: RowRange): boolean {
  return outer.start <= inner.start && outer.end >= inner.end;
}
