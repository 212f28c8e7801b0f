// The overlay's size follows what it shows, between its minimum and maximum, on the screen under the cursor (through the shell's fake window).
import { describe, expect, it } from 'vitest';
import { HUD, OVERLAY_MAX, OVERLAY_MIN, codeShape, overlaySize, type OverlayState } from '../../main/hosts/electron/logic/overlay-size.js';
import { OverlaySizer } from '../../main/hosts/electron/logic/overlay-sizer.js';
import type { PipelineEvent, PipelineResult } from '../../preload/contract.js';
import { fakeWindowManager, type FakeWindow } from './fake-browser-window.js';

const SCREEN = { x: 1920, y: 0, width: 1920, height: 1040 };
const THIRTY_LINES = Array.from({ length: 30 }, (_, i) => `  const value${i} = compute(input, ${i}); // line ${i + 1}`).join('\n');

function shell(workArea = SCREEN) {
  const { manager, created } = fakeWindowManager(workArea);
  const sizer = new OverlaySizer({ windows: manager, workArea: () => workArea });
  const send = (event: PipelineEvent): void => sizer.onEvent('pipeline.event', { requestId: 7, event });
  return { manager, created, send };
}

function result(code: string): PipelineResult {
  return { code, language: 'typescript', answer: code, intent: 'generate_function', transcript: 't', complete: true, finishReason: 'STOP', cached: null, historyId: 1, timings: { total: 1 } };
}

/** Lines of code the done state shows at a given height (the layout's metrics). */
function visibleCodeLines(height: number): number {
  const chrome = 2 * HUD.padding + HUD.bar + HUD.gap + HUD.transcriptLine + HUD.gap + HUD.codePadding + HUD.gap + HUD.actions;
  return Math.floor((height - chrome) / HUD.codeLine);
}

describe('overlay size', () => {
  const states: OverlayState[] = [
    { kind: 'idle' },
    { kind: 'listening', partialChars: 0 },
    { kind: 'listening', partialChars: 400 },
    { kind: 'writing', codeLines: 2, longestLine: 20 },
    { kind: 'done', ...codeShape(THIRTY_LINES) },
    { kind: 'done', codeLines: 500, longestLine: 400 },
    { kind: 'error', messageChars: 90 },
    { kind: 'error', messageChars: 5000 },
  ];

  it('stays between the minimum and the maximum for every state', () => {
    for (const state of states) {
      const size = overlaySize(state, SCREEN);
      expect(size.width, state.kind).toBeGreaterThanOrEqual(OVERLAY_MIN.width);
      expect(size.height, state.kind).toBeGreaterThanOrEqual(OVERLAY_MIN.height);
      expect(size.width, state.kind).toBeLessThanOrEqual(OVERLAY_MAX.width);
      expect(size.height, state.kind).toBeLessThanOrEqual(OVERLAY_MAX.height);
    }
  });

  it('never takes more than 60 % of a small screen', () => {
    const small = { width: 1024, height: 600 };
    for (const state of states) {
      const size = overlaySize(state, small);
      expect(size.width).toBeLessThanOrEqual(614);
      expect(size.height).toBeLessThanOrEqual(360);
    }
  });

  it('grows with what it shows: a partial that wraps, code that gets longer, a long error', () => {
    expect(overlaySize({ kind: 'listening', partialChars: 200 }, SCREEN).height).toBeGreaterThan(overlaySize({ kind: 'listening', partialChars: 10 }, SCREEN).height);
    expect(overlaySize({ kind: 'writing', codeLines: 12, longestLine: 40 }, SCREEN).height).toBeGreaterThan(overlaySize({ kind: 'writing', codeLines: 3, longestLine: 40 }, SCREEN).height);
    expect(overlaySize({ kind: 'done', codeLines: 10, longestLine: 90 }, SCREEN).width).toBeGreaterThan(overlaySize({ kind: 'done', codeLines: 10, longestLine: 30 }, SCREEN).width);
    expect(overlaySize({ kind: 'error', messageChars: 300 }, SCREEN).height).toBeGreaterThan(overlaySize({ kind: 'error', messageChars: 40 }, SCREEN).height);
  });

  it('a done result with 30 lines shows at least 12 of them', () => {
    const size = overlaySize({ kind: 'done', ...codeShape(THIRTY_LINES) }, SCREEN);
    expect(visibleCodeLines(size.height)).toBeGreaterThanOrEqual(12);
  });

  it('the shell resizes the overlay window as a dictation goes from listening to code to done, bottom-right of the cursor screen', () => {
    const { manager, created, send } = shell();
    manager.showOverlay();
    const overlay = created[0] as FakeWindow;
    send({ type: 'listening' });
    send({ type: 'transcript.partial', text: 'write a typescript function that computes thirty values from an input and returns them all' });
    send({ type: 'code.chunk', text: 'Here it is.\n\n```typescript\nexport function values(input: number) {\n' });
    send({ type: 'code.chunk', text: `${THIRTY_LINES}\n` });
    send({ type: 'result', result: result(`export function values(input: number) {\n${THIRTY_LINES}\n}`) });
    const sizes = overlay.bounds.map((b) => ({ width: b.width, height: b.height }));
    expect(sizes[0]).toEqual(OVERLAY_MIN);
    const listening = overlaySize({ kind: 'listening', partialChars: 93 }, SCREEN);
    const done = overlaySize({ kind: 'done', codeLines: 32, longestLine: 51 }, SCREEN);
    expect(sizes).toContainEqual(listening);
    expect(sizes.at(-1)).toEqual(done);
    const last = overlay.bounds.at(-1) as { x: number; y: number; width: number; height: number };
    expect(last.x + last.width).toBe(SCREEN.x + SCREEN.width - 24);
    expect(last.y + last.height).toBe(SCREEN.y + SCREEN.height - 24);
    // Prose before the code block does not make the writing overlay wider or taller.
    expect(sizes).toContainEqual(overlaySize({ kind: 'writing', codeLines: 1, longestLine: 39 }, SCREEN));
  });

  it('an error takes the error size; the next dictation starts small again', () => {
    const { manager, created, send } = shell();
    manager.showOverlay();
    send({ type: 'error', error: { code: 'QUOTA', message: 'Gemini quota reached: retrying in 14 s.', retryable: true } });
    const overlay = created[0] as FakeWindow;
    expect(overlay.bounds.at(-1)).toMatchObject(overlaySize({ kind: 'error', messageChars: 39 }, SCREEN));
    send({ type: 'listening' });
    expect(overlay.bounds.at(-1)).toMatchObject(overlaySize({ kind: 'listening', partialChars: 0 }, SCREEN));
  });
});
