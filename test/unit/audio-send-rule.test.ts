// The seed's rule: small compressed audio goes by REST in one request, over 1 MB is streamed to Live in real time.
import { describe, expect, it } from 'vitest';
import type { PreparedAudio } from '../../main/audio/audio-tasks.js';
import { decideSend, planSend, realtimeChunks } from '../../main/audio/send-rule.js';

function prepared(seconds: number, oggBytes: number): PreparedAudio {
  return {
    pcm16: new ArrayBuffer(seconds * 32000),
    sampleRate: 16000,
    durationSec: seconds,
    source: { sampleRate: 48000, channelCount: 1, bitsPerSample: 16, encoding: 'pcm', truncated: false },
    encoded: { ogg: new ArrayBuffer(oggBytes), mimeType: 'audio/ogg', durationSec: seconds },
  };
}

describe('decideSend (the seed rule)', () => {
  it('sends compressed audio of 1 MB or less in one REST request', () => {
    expect(decideSend({ compressedBytes: 40_000, durationSec: 12 }).mode).toBe('rest');
    expect(decideSend({ compressedBytes: 1024 * 1024, durationSec: 300 }).mode).toBe('rest');
  });

  it('streams audio over 1 MB compressed to Live in 100 ms chunks', () => {
    const decision = decideSend({ compressedBytes: 1024 * 1024 + 1, durationSec: 400 });
    expect(decision).toMatchObject({ mode: 'live', chunkMs: 100, chunkBytes: 3200, chunkCount: 4000 });
  });

  it('cuts PCM into real-time-sized chunks without copying, the last one shorter', () => {
    const pcm = new Uint8Array(3200 * 2 + 100);
    const chunks = [...realtimeChunks(pcm, 3200)];
    expect(chunks.map((c) => c.byteLength)).toEqual([3200, 3200, 100]);
    expect(chunks[0]?.buffer).toBe(pcm.buffer);
  });

  it('plans a short file as one REST request with the Opus bytes', () => {
    const plan = planSend(prepared(5, 15_000));
    expect(plan).toMatchObject({ mode: 'rest', mimeType: 'audio/ogg' });
    expect(plan.mode === 'rest' && plan.audio.byteLength).toBe(15_000);
  });

  it('plans a long file as 100 ms PCM chunks covering all of it', () => {
    const plan = planSend(prepared(400, 1_200_000));
    expect(plan.mode).toBe('live');
    if (plan.mode !== 'live') return;
    expect(plan.chunks).toHaveLength(4000);
    expect(plan.chunks.every((c) => c.byteLength === 3200)).toBe(true);
  });
});
