// What a REST request gets back: a scripted transcript for audio, a code answer otherwise, with faults applied.
import { AudioMeter, decodeWav, PHANTOM_BELOW_RMS, PHANTOM_TEXT, pcm16FromBytes, type DecodedAudio } from './audio.js';
import { defaultCodeAnswer } from './code-answer.js';
import { editAnswer } from './code-edit.js';
import { breakSyntax, inOtherLanguage } from './code-faults.js';
import { detectTone } from './goertzel.js';
import { decodeOggOpus } from './ogg-opus.js';
import { thinkingOf } from './thinking.js';
import { pickScript, planTranscript } from './transcripts.js';
import type { SimState } from './state.js';
import type { RequestStats } from './types.js';

type Json = Record<string, unknown>;

export interface Answer {
  text: string;
  finishReason: 'STOP' | 'MAX_TOKENS' | 'SAFETY' | 'RECITATION';
  tokens: number;
  promptTokens: number;
  promptDetails: Array<{ modality: string; tokenCount: number }>;
  firstByteMs: number;
  /** usageMetadata.thoughtsTokenCount; thinking time is added before the first byte. */
  thoughtsTokens: number;
}

const AUDIO_TOKENS_PER_SECOND = 32;

function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

function parts(value: unknown): Json[] {
  if (typeof value !== 'object' || value === null) return [];
  const list = (value as Json).parts;
  return Array.isArray(list) ? list.filter((p): p is Json => typeof p === 'object' && p !== null) : [];
}

/** WAV, Ogg/Opus or raw PCM ("audio/pcm;rate=N", "audio/l16"); FLAC, MP3, AAC and AIFF are not decoded here. */
function decodeInline(mimeType: string, data: Buffer): DecodedAudio | null {
  const mime = mimeType.toLowerCase().replace(/\s+/g, '');
  if (/^audio\/(wav|x-wav|wave|vnd\.wave)/.test(mime)) return decodeWav(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (/^audio\/(ogg|opus)/.test(mime)) return decodeOggOpus(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (mime.startsWith('audio/pcm') || mime.startsWith('audio/l16')) {
    const rate = Number(/rate=(\d+)/.exec(mime)?.[1] ?? 16000);
    return { samples: pcm16FromBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)), sampleRate: rate };
  }
  return null;
}

export function answerFor(state: SimState, model: string, request: Json, record: RequestStats): Answer {
  const contents = Array.isArray(request.contents) ? request.contents : [];
  const allParts = contents.flatMap(parts);
  const systemParts = parts(request.systemInstruction);
  const prompt = allParts.flatMap((p) => (typeof p.text === 'string' ? [p.text] : [])).join('\n');
  const systemInstruction = systemParts.flatMap((p) => (typeof p.text === 'string' ? [p.text] : [])).join('\n');
  const audio = allParts.flatMap((p) => {
    const inline = (p.inlineData ?? p.inline_data) as Json | undefined;
    return inline && typeof inline.data === 'string' && typeof inline.mimeType === 'string' && inline.mimeType.startsWith('audio/')
      ? [{ mimeType: inline.mimeType, data: Buffer.from(inline.data, 'base64') }]
      : [];
  });
  record.textParts = allParts.filter((p) => typeof p.text === 'string').length;
  record.audioParts = audio.length;
  const profile = state.profile;
  let text: string;
  let promptTokens = tokensOf(prompt + systemInstruction);
  const promptDetails = [{ modality: 'TEXT', tokenCount: promptTokens }];
  let firstByteMs = profile.firstTokenMs;

  if (/transcribe/.test(model) || audio.length > 0) {
    const first = audio[0];
    const decoded = first ? decodeInline(first.mimeType, first.data) : null;
    // Only audioTranscriptionConfig.customVocabulary biases the spelling, as with Google: words in a prompt do not.
    const vocabulary = new Set(record.customVocabulary ?? []);
    let audioMs = 0;
    if (decoded) {
      const meter = new AudioMeter();
      meter.add(decoded.samples);
      audioMs = (decoded.samples.length / decoded.sampleRate) * 1000;
      const tones = state.scripts.flatMap((s) => (s.toneHz === undefined ? [] : [s.toneHz]));
      const tone = detectTone(decoded.samples, decoded.sampleRate, tones);
      record.toneHz = tone;
      // Silence or no samples: nothing was heard, and the simulator does not pretend otherwise.
      text = meter.nonSilent ? planTranscript(pickScript(state.scripts, state.defaultTranscript, tone), vocabulary).final : '';
      const phantom = state.faults.take(['phantom-transcript'], model, (f) => meter.rms < (f.belowRms ?? PHANTOM_BELOW_RMS));
      if (phantom) text = phantom.text ?? PHANTOM_TEXT;
    } else if (first) {
      // FLAC, MP3, AAC and AIFF are not decoded here: the default transcript answers any non-trivial
      // payload. Tests that need a scripted transcript send WAV, Ogg/Opus or PCM.
      audioMs = (first.data.byteLength / 4000) * 1000;
      text = first.data.byteLength > 256 ? planTranscript(state.defaultTranscript, vocabulary).final : '';
    } else {
      text = '';
    }
    const audioTokens = Math.round((audioMs / 1000) * AUDIO_TOKENS_PER_SECOND);
    promptTokens += audioTokens;
    promptDetails.push({ modality: 'AUDIO', tokenCount: audioTokens });
    firstByteMs = profile.batchBaseMs + profile.batchPerAudioMs * audioMs;
  } else {
    const custom = state.codeAnswer;
    const input = { model, prompt, systemInstruction };
    text = custom === null ? editAnswer(prompt, systemInstruction) ?? defaultCodeAnswer(input) : typeof custom === 'string' ? custom : custom(input);
    record.prompt = prompt.slice(0, 8_000);
    const quality = state.faults.take(['syntax-error', 'wrong-language'], model);
    if (quality?.kind === 'syntax-error') text = breakSyntax(text, quality.mode ?? 'brace');
    else if (quality?.kind === 'wrong-language') text = inOtherLanguage(input, quality.language);
  }

  let finishReason: Answer['finishReason'] = 'STOP';
  const fault = state.faults.take(['finish-reason'], model);
  if (fault?.reason === 'SAFETY') {
    text = '';
    finishReason = 'SAFETY';
  } else if (fault?.reason === 'MAX_TOKENS') {
    text = text.slice(0, Math.max(1, Math.floor(text.length * 0.4)));
    finishReason = 'MAX_TOKENS';
  } else if (fault?.reason === 'RECITATION') {
    text = text.slice(0, Math.max(1, Math.floor(text.length * 0.6)));
    finishReason = 'RECITATION';
  }
  const thinking = thinkingOf(model, record.thinkingLevel, record.thinkingBudget);
  record.effectiveThinkingLevel = thinking.level;
  // Thinking tokens come out of maxOutputTokens: a small cap with thinking on leaves no room for the answer.
  const cap = record.maxOutputTokens === null ? null : record.maxOutputTokens;
  const thoughtsTokens = cap === null ? thinking.tokens : Math.min(thinking.tokens, cap);
  record.thoughtsTokens = thoughtsTokens;
  const room = cap === null ? null : cap - thoughtsTokens;
  if (room !== null && tokensOf(text) > room) {
    text = text.slice(0, room * 4);
    finishReason = 'MAX_TOKENS';
  }
  return { text, finishReason, tokens: tokensOf(text), promptTokens, promptDetails, firstByteMs, thoughtsTokens };
}
