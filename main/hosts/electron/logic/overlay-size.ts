// The overlay's size as one pure function of what it shows (listening, writing, done, error), and that state followed from pipeline events.
import type { PipelineEvent } from '../../../../preload/contract.js';

export type OverlayState =
  | { kind: 'idle' }
  | { kind: 'listening'; partialChars: number }
  | { kind: 'writing'; codeLines: number; longestLine: number; diffLines?: number }
  | { kind: 'done'; codeLines: number; longestLine: number; diffLines?: number }
  | { kind: 'error'; messageChars: number };

export interface Size {
  width: number;
  height: number;
}

/** Small enough to stay out of the way, large enough for a status line and one row of buttons. */
export const OVERLAY_MIN: Size = { width: 440, height: 120 };
/** Never larger than this, and never past 60 % of the work area. */
export const OVERLAY_MAX: Size = { width: 720, height: 520 };
const MAX_SHARE = 0.6;

/*
 * Metrics of the overlay's layout (renderer/src/styles.css, section "overlay HUD"): keep both in step. The
 * e2e sets the viewport to these sizes and checks that nothing is cut off and 12 lines of code show.
 */
export const HUD = {
  padding: 10,
  bar: 30,
  gap: 6,
  transcriptLine: 20,
  textLine: 20,
  textCharPx: 7.4,
  codeLine: 18,
  codeCharPx: 7.3,
  codePadding: 16,
  actions: 36,
  meter: 8,
} as const;

/** The size the overlay takes to show `state` on a work area of `workArea`. */
export function overlaySize(state: OverlayState, workArea: Size): Size {
  const max = { width: Math.min(OVERLAY_MAX.width, Math.floor(workArea.width * MAX_SHARE)), height: Math.min(OVERLAY_MAX.height, Math.floor(workArea.height * MAX_SHARE)) };
  const min = { width: Math.min(OVERLAY_MIN.width, max.width), height: Math.min(OVERLAY_MIN.height, max.height) };
  const clamp = (s: Size): Size => ({
    width: Math.round(Math.max(min.width, Math.min(max.width, s.width))),
    height: Math.round(Math.max(min.height, Math.min(max.height, s.height))),
  });
  const frame = 2 * HUD.padding + HUD.bar;
  switch (state.kind) {
    case 'idle':
      return clamp(OVERLAY_MIN);
    case 'listening': {
      const width = OVERLAY_MIN.width;
      const lines = Math.min(3, Math.max(1, Math.ceil((state.partialChars * HUD.textCharPx) / (width - 2 * HUD.padding))));
      return clamp({ width, height: frame + HUD.gap + lines * HUD.textLine + HUD.gap + HUD.meter + HUD.gap + HUD.textLine });
    }
    case 'writing':
    case 'done': {
      const width = state.longestLine * HUD.codeCharPx + HUD.codePadding + 2 * HUD.padding + 16;
      // An edit shows its diff (a summary line above the rows) and its buttons while it streams too (DiffView, EditActions);
      // done: the row of buttons and one line under it (the live chords, or what the last button could not do).
      const edit = state.diffLines !== undefined;
      const chrome = frame + HUD.gap + HUD.transcriptLine + HUD.gap + HUD.codePadding + (state.kind === 'done' || edit ? HUD.gap + HUD.actions + HUD.textLine : 0);
      return clamp({ width, height: chrome + Math.max(3, state.diffLines ?? state.codeLines) * HUD.codeLine });
    }
    case 'error': {
      const width = 520;
      const lines = Math.min(4, Math.max(1, Math.ceil((state.messageChars * HUD.textCharPx) / (width - 2 * HUD.padding))));
      return clamp({ width, height: frame + HUD.gap + lines * HUD.textLine + HUD.gap + HUD.actions + HUD.textLine });
    }
  }
}

/** Lines and the longest line of code text. */
export function codeShape(code: string): { codeLines: number; longestLine: number } {
  let lines = 0;
  let longest = 0;
  let start = 0;
  for (let i = 0; i <= code.length; i++) {
    if (i === code.length || code.charCodeAt(i) === 10) {
      if (i > start || i < code.length) lines++;
      longest = Math.max(longest, i - start);
      start = i + 1;
    }
  }
  return { codeLines: lines, longestLine: longest };
}

/**
 * What the overlay shows after `event`, given what it showed; `streamed` is the text of the answer so far and
 * `editLines` the selection's line count when the request is an edit (its diff has at most those lines plus the code's).
 */
export function nextOverlayState(state: OverlayState, event: PipelineEvent, streamed: string, editLines?: number): OverlayState {
  const next = followEvent(state, event, streamed);
  return editLines !== undefined && (next.kind === 'writing' || next.kind === 'done') ? { ...next, diffLines: editLines + next.codeLines } : next;
}

function followEvent(state: OverlayState, event: PipelineEvent, streamed: string): OverlayState {
  switch (event.type) {
    case 'listening':
      return { kind: 'listening', partialChars: 0 };
    case 'transcript.partial':
      return { kind: 'listening', partialChars: event.text.length };
    case 'code.chunk': {
      // Only the fenced code is shown while writing: prose before the block does not count.
      const fence = streamed.indexOf('```');
      const body = fence < 0 ? '' : streamed.slice(streamed.indexOf('\n', fence) + 1 || streamed.length);
      return { kind: 'writing', ...codeShape(body) };
    }
    case 'result':
      return { kind: 'done', ...codeShape(event.result.code || event.result.answer) };
    case 'error':
      return { kind: 'error', messageChars: event.error.message.length };
    default:
      return state;
  }
}
