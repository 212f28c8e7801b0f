// The simulator's hearing: Goertzel tone detection, silence check, and transcript planning with vocabulary.
import { describe, expect, it } from 'vitest';
import { AudioMeter, decodeWav } from '../../main/gemini-sim/audio.js';
import { detectTone } from '../../main/gemini-sim/goertzel.js';
import { planTranscript, spokenForm } from '../../main/gemini-sim/transcripts.js';

function toneThenNoise(hz: number, rate: number): Int16Array {
  const out = new Int16Array(rate);
  let seed = 1;
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = i < rate * 0.15 ? Math.round(12000 * Math.sin((2 * Math.PI * hz * i) / rate)) : (seed % 6000) - 3000;
  }
  return out;
}

describe('simulator audio', () => {
  it('finds the opening tone among candidates at any sample rate, and none in noise', () => {
    const candidates = [600, 700, 800, 1000, 1200];
    for (const rate of [16000, 22050, 48000]) expect(detectTone(toneThenNoise(800, rate), rate, candidates)).toBe(800);
    const noise = toneThenNoise(800, 16000).subarray(4000);
    expect(detectTone(noise, 16000, candidates)).toBeNull();
  });

  it('tells silence from sound', () => {
    const meter = new AudioMeter();
    meter.add(new Int16Array(1600));
    expect(meter.nonSilent).toBe(false);
    meter.add(toneThenNoise(500, 16000));
    expect(meter.nonSilent).toBe(true);
    expect(meter.samples).toBe(17600);
  });

  it('decodes a 16-bit stereo WAV to mono', () => {
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(36 + 8, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(2, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(32000, 28);
    header.writeUInt16LE(4, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36);
    header.writeUInt32LE(8, 40);
    const data = Buffer.from(new Int16Array([100, 300, -200, -400]).buffer);
    const decoded = decodeWav(new Uint8Array(Buffer.concat([header, data])));
    expect(decoded?.sampleRate).toBe(8000);
    expect([...(decoded?.samples ?? [])]).toEqual([200, -300]);
  });

  it('plans increments that add up to the final, holding the last word back for after activityEnd', () => {
    const plan = planTranscript({ final: 'write a function that adds two numbers' }, new Set());
    const committed = plan.steps.map((s) => s.committed).join('');
    expect(committed + plan.last).toBe('write a function that adds two numbers');
    expect(plan.last.length).toBeGreaterThan(0);
  });

  it('spells identifiers as spoken unless they were in the vocabulary', () => {
    expect(spokenForm('fetchUserById')).toBe('fetch user by id');
    expect(spokenForm('user_id')).toBe('user id');
    expect(planTranscript({ final: 'rename getUser' }, new Set()).final).toBe('rename get user');
    expect(planTranscript({ final: 'rename getUser' }, new Set(['getUser'])).final).toBe('rename getUser');
  });
});
