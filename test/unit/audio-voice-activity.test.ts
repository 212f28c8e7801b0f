// The energy voice detector and the silence guard: silence and quiet noise hold no voice, tones and loud noise do,
// any chunking gives the same verdict, and only known near-silence phrases are phantoms.
import { describe, expect, it } from 'vitest';
import { VoiceActivity, voiceActivity } from '../../main/audio/voice-activity.js';
import { isPhantomTranscript, MIN_VOICED_MS, noSpeechError } from '../../main/pipeline/silence-guard.js';
import { applyPipelineEvent, beginRequest, INITIAL_DICTATION } from '../../renderer/src/model/dictation-state.js';
import { errorHelp } from '../../renderer/src/model/error-help.js';

const RATE = 16_000;

/** Deterministic brown noise (leaky integrated white noise) scaled to a peak of `peak` (full scale 1). */
function brown(seconds: number, peak: number, seed = 7): Int16Array {
  let s = seed;
  const rand = (): number => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 1_073_741_824 - 1;
  };
  const raw = new Float64Array(seconds * RATE);
  let y = 0;
  let max = 0;
  for (let i = 0; i < raw.length; i++) {
    y = 0.98 * y + rand() * 0.1;
    raw[i] = y;
    max = Math.max(max, Math.abs(y));
  }
  return Int16Array.from(raw, (v) => Math.round((v / max) * peak * 32767));
}

/** A vowel-like 800 Hz tone (the first formant's region). */
function tone(seconds: number, amplitude: number, hz = 800): Int16Array {
  return Int16Array.from({ length: seconds * RATE }, (_, i) => Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * hz * i) / RATE)));
}

function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('voice activity', () => {
  it('finds no voice in three seconds of digital silence or of quiet brown noise (peak 0.02)', () => {
    expect(voiceActivity(new Int16Array(3 * RATE)).voicedMs).toBe(0);
    expect(voiceActivity(brown(3, 0.02)).voicedMs).toBeLessThan(MIN_VOICED_MS);
  });

  it('does not take a rumble for voice: a loud 60 Hz hum or brown noise at peak 0.1 (a microphone\'s auto gain lifts them)', () => {
    expect(voiceActivity(tone(3, 0.3, 60)).voicedMs).toBe(0);
    expect(voiceActivity(brown(3, 0.1)).voicedMs).toBeLessThan(MIN_VOICED_MS);
  });

  it('counts voice-level sound, also when it runs without a pause, and in steady noise', () => {
    expect(voiceActivity(tone(1, 0.3)).voicedMs).toBe(1000);
    const speechInNoise = concat(brown(1, 0.02), tone(0.6, 0.1), brown(1, 0.02));
    expect(voiceActivity(speechInNoise).voicedMs).toBeGreaterThanOrEqual(560);
    expect(voiceActivity(speechInNoise).voicedMs).toBeLessThanOrEqual(640);
  });

  it('gives the same verdict whatever the chunking (odd byte splits included)', () => {
    const audio = concat(new Int16Array(RATE), tone(0.5, 0.2), brown(1, 0.02));
    const bytes = new Uint8Array(audio.buffer);
    const whole = voiceActivity(audio);
    const streamed = new VoiceActivity();
    for (let at = 0, step = 1; at < bytes.byteLength; at += step, step = (step * 7 + 3) % 997 + 1) streamed.pushBytes(bytes.subarray(at, Math.min(at + step, bytes.byteLength)));
    expect(streamed.summary()).toEqual(whole);
  });
});

describe('silence guard', () => {
  it('knows the near-silence phantoms, whatever their case and punctuation, and nothing else', () => {
    for (const t of ['Thank you.', 'thank you', 'Thanks for watching!', 'you', '.', '', ' You. ', 'Thank you very much.']) expect(isPhantomTranscript(t), t).toBe(true);
    for (const t of ['write a function that adds two numbers', 'thank you function', 'add function compute factorial', 'you'.repeat(30)]) expect(isPhantomTranscript(t), t).toBe(false);
  });

  it('"Didn\'t catch that" advises for the way the audio came in, in main and in the error table', () => {
    expect(noSpeechError('file', 120).message).toMatch(/^Didn't catch that.*0\.1 s of voice.*right file/);
    expect(noSpeechError('toggle', 0).message).toMatch(/press it again/);
    expect(noSpeechError('push-to-talk', 0, 'Thank you.').message).toContain('"Thank you."');
    const payload = noSpeechError('push-to-talk', 0).toJSON();
    expect(errorHelp(payload, { hotkey: 'Ctrl+Shift+Space' })).toMatchObject({ title: "Didn't catch that", actions: ['retry'] });
    expect(errorHelp(payload, { hotkey: 'Ctrl+Shift+Space' }).advice).toMatch(/^Hold Ctrl\+Shift\+Space while you speak/);
    expect(errorHelp(payload, { hotkey: 'F9', input: 'toggle' }).advice).toMatch(/^Press F9, speak, then press it again/);
    expect(errorHelp(payload, { input: 'button' }).advice).toMatch(/^Hold the button/);
  });
});

describe('the dictation view after "Didn\'t catch that"', () => {
  it('drops a partial transcript the audio did not hold', () => {
    let state = beginRequest(INITIAL_DICTATION, 'voice');
    state = applyPipelineEvent(state, { type: 'listening' });
    state = applyPipelineEvent(state, { type: 'transcript.partial', text: 'write a function that adds' });
    state = applyPipelineEvent(state, { type: 'error', error: noSpeechError('button', 0).toJSON() });
    expect(state).toMatchObject({ phase: 'error', partial: '', transcript: '', error: { code: 'NO_SPEECH' } });
  });
});
