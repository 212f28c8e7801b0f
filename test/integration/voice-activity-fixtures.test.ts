// No false positives of the silence guard: every spoken fixture (espeak-ng, at the rates and tones the tests and benches
// use, and spoken quietly) holds well over the minimum of voice, and its transcript is never taken for a phantom.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeToPcm16 } from '../../main/audio/audio-tasks.js';
import { voiceActivity } from '../../main/audio/voice-activity.js';
import { isPhantomTranscript, MIN_VOICED_MS, PHANTOM_MAX_VOICED_MS } from '../../main/pipeline/silence-guard.js';
import { SPOKEN_FIXTURES } from '../bench/fixtures.js';
import { speechToolsAvailable, speechWav, type SpeechOptions } from '../support/speech.js';

function voicedMsOf(text: string, options: SpeechOptions): number {
  const bytes = readFileSync(speechWav(text, options));
  const pcm = decodeToPcm16(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return voiceActivity(new Int16Array(pcm.pcm16)).voicedMs;
}

describe('the voice detector on every spoken fixture', { timeout: 120_000 }, () => {
  it('hears voice in all of them: bench fixtures, test phrases, 16 and 48 kHz, with tones and trailing silence', () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    const cases: Array<[string, SpeechOptions]> = [
      ...SPOKEN_FIXTURES.map((f): [string, SpeechOptions] => [f.spoken, { toneHz: f.script.toneHz ?? 0 }]),
      ...SPOKEN_FIXTURES.slice(0, 4).map((f): [string, SpeechOptions] => [f.spoken, { rate: 48000, padSeconds: 1 }]),
      ['write a function that reverses a string in python', { rate: 48000 }],
      ['write a go function that parses the config file', { toneHz: 1200 }],
      ['write a test for fetch user by id', { toneHz: 1300 }],
      ['Write a function that sorts a list of numbers', { rate: 48000, padSeconds: 0.5 }],
      // The shortest requests people say.
      ['sort this', {}],
      ['explain', {}],
      ['fix it', { speed: 220 }],
    ];
    const measured = cases.map(([text, options]) => ({ text, voicedMs: voicedMsOf(text, options) }));
    const least = measured.reduce((a, b) => (b.voicedMs < a.voicedMs ? b : a));
    console.log(`voice detector over ${measured.length} spoken fixtures: least voice ${least.voicedMs} ms ("${least.text}")`);
    for (const m of measured) {
      expect(m.voicedMs, m.text).toBeGreaterThanOrEqual(MIN_VOICED_MS);
      expect(isPhantomTranscript(m.text), m.text).toBe(false);
    }
    // A whole request holds seconds of voice, never the little a phantom comes from.
    for (const m of measured.slice(0, SPOKEN_FIXTURES.length)) expect(m.voicedMs, m.text).toBeGreaterThanOrEqual(PHANTOM_MAX_VOICED_MS);
  });
});
