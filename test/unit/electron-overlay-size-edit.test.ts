// The overlay's size for an edit: its diff (the selection's lines and the replacement's) and its buttons while it streams.
import { describe, expect, it } from 'vitest';
import { HUD, overlaySize } from '../../main/hosts/electron/logic/overlay-size.js';
import { OverlaySizer } from '../../main/hosts/electron/logic/overlay-sizer.js';
import type { PipelineEvent } from '../../preload/contract.js';
import { fakeWindowManager, type FakeWindow } from './fake-browser-window.js';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1040 };
const BEFORE = 'def move(car):\n    car.x += 1\n    return car\n';
const AFTER = 'def move(car, max_speed):\n    car.x += min(1, max_speed)\n    return car\n';

function run(events: PipelineEvent[]): Array<{ width: number; height: number }> {
  const { manager, created } = fakeWindowManager(SCREEN);
  const sizer = new OverlaySizer({ windows: manager, workArea: () => SCREEN });
  manager.showOverlay();
  for (const event of events) sizer.onEvent('pipeline.event', { requestId: 3, event });
  return (created[0] as FakeWindow).bounds.map((b) => ({ width: b.width ?? 0, height: b.height ?? 0 }));
}

describe('overlay size of an edit', () => {
  it('makes room for the diff (summary, removed and added rows) and the buttons, while writing and when done', () => {
    const stream: PipelineEvent[] = [
      { type: 'listening' },
      { type: 'edit', before: BEFORE, lines: 3, app: 'gedit' },
      { type: 'code.chunk', text: `\`\`\`python\n${AFTER}\`\`\`\n` },
      { type: 'result', result: { code: AFTER, language: 'python', answer: AFTER, intent: 'refactor', transcript: 't', complete: true, finishReason: 'STOP', cached: null, historyId: null, timings: {}, edit: { before: BEFORE, after: AFTER } } },
    ];
    const edit = run(stream);
    const plain = run(stream.filter((e) => e.type !== 'edit'));
    const writing = overlaySize({ kind: 'writing', codeLines: 3, longestLine: 30, diffLines: 6 }, SCREEN);
    expect(edit).toContainEqual(writing);
    expect(edit.at(-1)).toEqual(overlaySize({ kind: 'done', codeLines: 3, longestLine: 30, diffLines: 6 }, SCREEN));
    // Six diff rows instead of three code lines (the summary line takes the place of the done state's chord line), and the buttons already while writing.
    expect((edit.at(-1)?.height ?? 0) - (plain.at(-1)?.height ?? 0)).toBe(3 * HUD.codeLine);
    expect(writing.height - overlaySize({ kind: 'writing', codeLines: 3, longestLine: 30 }, SCREEN).height).toBe(6 * HUD.codeLine - 3 * HUD.codeLine + HUD.textLine + HUD.gap + HUD.actions);
  });

  it('the next request without a selection is sized as new code again', () => {
    const { manager, created } = fakeWindowManager(SCREEN);
    const sizer = new OverlaySizer({ windows: manager, workArea: () => SCREEN });
    manager.showOverlay();
    sizer.onEvent('pipeline.event', { requestId: 1, event: { type: 'edit', before: BEFORE, lines: 3 } });
    sizer.onEvent('pipeline.event', { requestId: 1, event: { type: 'code.chunk', text: '```python\nx = 1\n' } });
    sizer.onEvent('pipeline.event', { requestId: 2, event: { type: 'code.chunk', text: '```python\nx = 1\n' } });
    expect((created[0] as FakeWindow).bounds.at(-1)).toMatchObject(overlaySize({ kind: 'writing', codeLines: 1, longestLine: 5 }, SCREEN));
  });
});
