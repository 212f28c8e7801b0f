// Makes speech WAV fixtures on demand with espeak-ng + sox into a cache folder (large binaries are not committed).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_CACHE = join(process.cwd(), '.cache', 'fixtures');

export function speechToolsAvailable(): boolean {
  return spawnSync('espeak-ng', ['--version']).status === 0 && spawnSync('sox', ['--version']).status === 0;
}

export interface SpeechOptions {
  /** Output sample rate in Hz (16000 or 48000 are the usual ones). */
  rate?: number;
  channels?: 1 | 2;
  bits?: 16 | 24 | 32;
  /** Words per minute for espeak-ng. */
  speed?: number;
  /**
   * Frequency in Hz of a 150 ms identifying tone put before the speech, which the simulator
   * detects (Goertzel) to pick the scripted transcript.
   */
  toneHz?: number;
  /** Silence in seconds after the speech. */
  padSeconds?: number;
}

/** A stuck espeak-ng or sox must fail the test or bench step that called it, not hang it (they take well under 1 s). */
const TOOL_TIMEOUT_MS = 60_000;

/** Returns the path of a WAV with espeak-ng speaking `text`, made once and cached by content. */
export function speechWav(text: string, options: SpeechOptions = {}): string {
  const rate = options.rate ?? 16000;
  const channels = options.channels ?? 1;
  const bits = options.bits ?? 16;
  const speed = options.speed ?? 175;
  const key = createHash('sha256').update(JSON.stringify({ text, rate, channels, bits, speed, tone: options.toneHz ?? 0, pad: options.padSeconds ?? 0 })).digest('hex').slice(0, 16);
  mkdirSync(FIXTURE_CACHE, { recursive: true });
  const out = join(FIXTURE_CACHE, `speech-${key}.wav`);
  if (existsSync(out)) return out;
  const raw = join(FIXTURE_CACHE, `speech-${key}.raw.wav`);
  execFileSync('espeak-ng', ['-s', String(speed), '-w', raw, text], { timeout: TOOL_TIMEOUT_MS, stdio: ['ignore', 'ignore', 'pipe'] });
  const tmp = `${out}.tmp.wav`;
  const soxArgs: string[] = [];
  if (options.toneHz) {
    const tone = join(FIXTURE_CACHE, `tone-${key}.wav`);
    const speechRate = 22050; // espeak-ng's output rate
    execFileSync('sox', ['-n', '-r', String(speechRate), '-c', '1', '-b', '16', tone, 'synth', '0.15', 'sine', String(options.toneHz), 'vol', '0.5'], { timeout: TOOL_TIMEOUT_MS, stdio: ['ignore', 'ignore', 'pipe'] });
    soxArgs.push(tone, raw);
  } else {
    soxArgs.push(raw);
  }
  soxArgs.push('-r', String(rate), '-c', String(channels), '-b', String(bits), '-e', bits === 32 ? 'signed-integer' : 'signed-integer', tmp);
  if (options.padSeconds) soxArgs.push('pad', '0', String(options.padSeconds));
  execFileSync('sox', soxArgs, { timeout: TOOL_TIMEOUT_MS, stdio: ['ignore', 'ignore', 'pipe'] });
  renameSync(tmp, out);
  return out;
}
