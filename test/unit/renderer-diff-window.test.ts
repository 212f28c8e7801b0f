// Which rows of a long diff are in the DOM: the rows in the scrolling box plus a margin, padding of the right height for the rest.
import { describe, expect, it } from 'vitest';
import { covers, MAX_WINDOW_ROWS, OVERSCAN_ROWS, rowsInView, windowOf } from '../../renderer/src/components/diff-window';

const box = { scrollTop: 0, viewport: 340, rowPx: 20, offset: 8 };

describe('rowsInView', () => {
  it('at the top: the rows that fit the box and the margin below', () => {
    // 340 px of 20 px rows after an 8 px offset: rows 0 to 16 are (partly) visible.
    expect(rowsInView(box)).toEqual({ start: 0, end: 17 + OVERSCAN_ROWS });
  });

  it('scrolled: a margin on each side of the rows in view', () => {
    expect(rowsInView({ ...box, scrollTop: 8 + 100 * 20 + 5 })).toEqual({ start: 100 - OVERSCAN_ROWS, end: 118 + OVERSCAN_ROWS });
  });

  it('broken measurements never give a negative, endless or huge range', () => {
    expect(rowsInView({ scrollTop: -50, viewport: NaN, rowPx: 0, offset: Infinity })).toEqual({ start: 0, end: OVERSCAN_ROWS });
    const r = rowsInView({ ...box, viewport: 1e9 });
    expect(r.end - r.start).toBe(MAX_WINDOW_ROWS);
  });
});

describe('windowOf', () => {
  it('bounds the range by the rows there are and pads for the rows out of it', () => {
    expect(windowOf({ start: 88, end: 130 }, 618, 20)).toEqual({ start: 88, end: 130, padTop: 88 * 20, padBottom: (618 - 130) * 20 });
    // Fewer rows than the window: all of them, no padding.
    expect(windowOf({ start: 0, end: 29 }, 4, 19.5)).toEqual({ start: 0, end: 4, padTop: 0, padBottom: 0 });
    // Scrolled far down, then the answer shrank (a new stream): the last rows, nothing past them.
    expect(windowOf({ start: 500, end: 540 }, 30, 20)).toEqual({ start: 30, end: 30, padTop: 600, padBottom: 0 });
  });

  it('rows plus padding always make the height of all rows', () => {
    for (const rows of [0, 1, 17, 618, 4000]) {
      for (const start of [0, 5, 300, 3990]) {
        const w = windowOf({ start, end: start + 41 }, rows, 18);
        expect(w.padTop + (w.end - w.start) * 18 + w.padBottom).toBe(rows * 18);
      }
    }
  });
});

describe('covers', () => {
  it('scrolling within the margin needs no new rows; past it does', () => {
    const shown = rowsInView(box);
    expect(covers(shown, rowsInView({ ...box, scrollTop: 8 + 5 * 20 }, 0))).toBe(true);
    expect(covers(shown, rowsInView({ ...box, scrollTop: 8 + OVERSCAN_ROWS * 20 }, 0))).toBe(true);
    expect(covers(shown, rowsInView({ ...box, scrollTop: 8 + (OVERSCAN_ROWS + 1) * 20 }, 0))).toBe(false);
  });
});
