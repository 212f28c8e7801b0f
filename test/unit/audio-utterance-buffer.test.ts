// The utterance buffer keeps what was sent to Live for the REST fallback, and never grows past its cap.
import { describe, expect, it } from 'vitest';
import { UtteranceBuffer } from '../../main/audio/utterance-buffer.js';

const chunk = (value: number, bytes = 3200): Uint8Array => new Uint8Array(bytes).fill(value);

describe('UtteranceBuffer', () => {
  it('gives back the chunks it was given, in order, as one buffer', () => {
    const buffer = new UtteranceBuffer();
    buffer.append(chunk(1));
    buffer.append(chunk(2).buffer as ArrayBuffer);
    const all = buffer.concat();
    expect(all.byteLength).toBe(6400);
    expect(all[0]).toBe(1);
    expect(all[6399]).toBe(2);
    expect(buffer.durationMs).toBe(200);
    expect(buffer.truncated).toBe(false);
  });

  it('keeps its own copy, so the sender may reuse or transfer its buffer', () => {
    const buffer = new UtteranceBuffer();
    const sent = chunk(7);
    buffer.append(sent);
    sent.fill(0);
    expect(buffer.concat()[0]).toBe(7);
  });

  it('drops the oldest audio past its cap, flags it and hands it to the spill sink', () => {
    const spilled: number[] = [];
    const buffer = new UtteranceBuffer({ maxBytes: 3200 * 10, onSpill: (c) => spilled.push(c[0] as number) });
    for (let i = 0; i < 1000; i++) buffer.append(chunk(i % 256));
    expect(buffer.byteLength).toBeLessThanOrEqual(3200 * 10);
    expect(buffer.chunkCount).toBe(10);
    expect(buffer.truncated).toBe(true);
    expect(buffer.droppedBytes).toBe(3200 * 990);
    expect(spilled.slice(0, 3)).toEqual([0, 1, 2]);
    expect(buffer.concat()[0]).toBe(990 % 256);
  });

  it('starts empty again after clear()', () => {
    const buffer = new UtteranceBuffer({ maxBytes: 3200 });
    buffer.append(chunk(1));
    buffer.append(chunk(2));
    buffer.clear();
    expect(buffer.byteLength).toBe(0);
    expect(buffer.truncated).toBe(false);
    expect(buffer.concat().byteLength).toBe(0);
  });
});
