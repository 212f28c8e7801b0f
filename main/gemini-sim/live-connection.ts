// One BidiGenerateContent WebSocket connection: key check, setup, push-to-talk turns, goAway and faults.
import type { WebSocket } from 'ws';
import { AudioMeter, PHANTOM_BELOW_RMS, PHANTOM_TEXT, pcm16FromBytes } from './audio.js';
import { detectTone, TONE_WINDOW_END_S } from './goertzel.js';
import { closeReason, LIVE_CLOSE } from './google-errors.js';
import { between } from './profiles.js';
import { pushCapped, type SimState } from './state.js';
import { pickScript, planTranscript, type TranscriptStep } from './transcripts.js';

const SAMPLE_RATE = 16_000;
/** Gemini counts 32 tokens per second of audio input. */
const AUDIO_TOKENS_PER_SECOND = 32;
/** Speech time per word assumed when pacing increments against the audio (about 200 words per minute). */
const WORD_MS = 300;
/** The fastest pace a speaker's pause may release words at (300 words per minute): text never runs ahead of that. */
const FAST_WORD_MS = 200;
const TONE_SAMPLES = Math.ceil(TONE_WINDOW_END_S * SAMPLE_RATE) + 160;

type Json = Record<string, unknown>;

interface Turn {
  index: number;
  meter: AudioMeter;
  chunks: number;
  head: Int16Array;
  headFill: number;
  plan: { steps: TranscriptStep[]; last: string; final: string } | null;
  toneHz: number | null;
  sent: number;
  committed: string;
  timer: NodeJS.Timeout | undefined;
  ended: boolean;
  faultChecked: boolean;
  /** Wall-clock ms of activityEnd and of the final transcript, for LiveTurnStats.finalMs. */
  endedAt: number | null;
  finishedAt: number | null;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function durationText(ms: number): string {
  return `${Number((Math.max(0, ms) / 1000).toFixed(3))}s`;
}

export class LiveConnection {
  readonly id: string;
  private setupDone = false;
  private setupSeen = false;
  private closed = false;
  private manualActivity = false;
  private resumption = false;
  private vocabulary: ReadonlySet<string> = new Set();
  private turn: Turn | null = null;
  private turnCount = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ws: WebSocket, private readonly state: SimState, key: string | null) {
    this.id = state.id('live');
    state.stats.live.connections += 1;
    state.stats.live.open += 1;
    ws.on('message', (data: Buffer) => this.onMessage(data));
    ws.on('close', (code: number, reason: Buffer) => this.onClosed(code, reason.toString('utf8')));
    ws.on('error', () => undefined);
    if (key === null || key === '') {
      this.close(LIVE_CLOSE.missingKey);
      return;
    }
    if (!state.config.apiKeys.has(key)) {
      this.close(LIVE_CLOSE.invalidKey);
      return;
    }
    const lifetime = state.config.connectionLifetimeMs;
    this.later(Math.max(0, lifetime - state.config.goAwayLeadMs), () => this.send({ goAway: { timeLeft: durationText(Math.min(lifetime, state.config.goAwayLeadMs)) } }));
    this.later(lifetime, () => this.close(LIVE_CLOSE.deadline));
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private send(message: Json | string): void {
    if (this.closed) return;
    // Google sends server messages as binary frames holding UTF-8 JSON.
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    this.ws.send(Buffer.from(text, 'utf8'), { binary: true });
  }

  close(info: { code: number; reason: string }): void {
    if (this.closed) return;
    this.closed = true;
    pushCapped(this.state.stats.live.closes, { connectionId: this.id, code: info.code, reason: info.reason, by: 'server' });
    this.ws.close(info.code, closeReason(info.reason));
    this.cleanup();
  }

  private onClosed(code: number, reason: string): void {
    if (!this.closed) {
      this.closed = true;
      pushCapped(this.state.stats.live.closes, { connectionId: this.id, code, reason, by: 'client' });
    }
    this.state.stats.live.open = Math.max(0, this.state.stats.live.open - 1);
    this.cleanup();
  }

  private cleanup(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.turn?.timer) clearTimeout(this.turn.timer);
  }

  /** goAway "now": the connection then ends after timeLeft, as at the end of its life. */
  goAway(timeLeftMs: number): void {
    this.send({ goAway: { timeLeft: durationText(timeLeftMs) } });
    this.later(timeLeftMs, () => this.close(LIVE_CLOSE.deadline));
  }

  private checkGoAwayFault(): void {
    const fault = this.state.faults.take(['live-go-away']);
    if (fault) this.goAway(fault.timeLeftMs ?? this.state.config.goAwayLeadMs);
  }

  private onMessage(data: Buffer): void {
    if (this.closed) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString('utf8'));
    } catch {
      this.close(LIVE_CLOSE.invalidJson);
      return;
    }
    if (!isObject(message)) {
      this.close(LIVE_CLOSE.invalidJson);
      return;
    }
    if (!this.setupSeen) {
      if (!isObject(message.setup)) {
        this.close(LIVE_CLOSE.setupFirst);
        return;
      }
      this.setupSeen = true;
      this.onSetup(message.setup);
      return;
    }
    if (isObject(message.realtimeInput)) this.onRealtimeInput(message.realtimeInput);
    // clientContent and toolResponse are not used by transcription: accepted and ignored.
  }

  private onSetup(setup: Json): void {
    const modelPath = typeof setup.model === 'string' ? setup.model : '';
    const model = modelPath.replace(/^models\//, '');
    const generation = isObject(setup.generationConfig) ? setup.generationConfig : {};
    const modalities = Array.isArray(generation.responseModalities) ? generation.responseModalities.map(String) : [];
    const transcription = isObject(setup.inputAudioTranscription) ? setup.inputAudioTranscription : undefined;
    const vocab = transcription?.customVocabulary ?? transcription?.custom_vocabulary ?? transcription?.adaptationPhrases ?? [];
    this.vocabulary = new Set(Array.isArray(vocab) ? vocab.map(String) : []);
    const languageCodes = Array.isArray(transcription?.languageCodes) ? transcription.languageCodes.map(String) : [];
    const realtime = isObject(setup.realtimeInputConfig) ? setup.realtimeInputConfig : {};
    const aad = isObject(realtime.automaticActivityDetection) ? realtime.automaticActivityDetection : {};
    this.manualActivity = aad.disabled === true;
    this.resumption = isObject(setup.sessionResumption);
    pushCapped(this.state.stats.live.setups, {
      connectionId: this.id,
      model,
      responseModalities: modalities,
      vocabulary: [...this.vocabulary],
      languageCodes,
      automaticActivityDetection: !this.manualActivity,
    });

    const isTranscribe = /transcribe/.test(model);
    const isConversational = !isTranscribe && /native-audio|live|dialog/.test(model);
    if (!modelPath.startsWith('models/') || (!isTranscribe && !isConversational)) {
      this.close(LIVE_CLOSE.modelNotFound(model || modelPath));
      return;
    }
    if (isConversational && modalities.includes('TEXT')) {
      this.close(LIVE_CLOSE.textFromAudioModel);
      return;
    }
    if (isTranscribe && modalities.includes('AUDIO')) {
      this.close(LIVE_CLOSE.audioFromTranscribeModel);
      return;
    }
    const early = this.state.faults.take(['live-close-before-setup', 'live-no-setup-complete'], model);
    if (early?.kind === 'live-close-before-setup') {
      this.close({ code: early.code ?? LIVE_CLOSE.internal.code, reason: early.reason ?? LIVE_CLOSE.internal.reason });
      return;
    }
    if (early?.kind === 'live-no-setup-complete') return;
    const delay = this.state.faults.take(['delay'], model, (f) => f.target === 'live');
    this.later(this.state.profile.setupCompleteMs + (delay?.ms ?? 0), () => {
      this.setupDone = true;
      this.send({ setupComplete: {} });
      if (this.resumption) this.sendResumptionUpdate();
      this.checkGoAwayFault();
    });
  }

  private sendResumptionUpdate(): void {
    this.send({ sessionResumptionUpdate: { newHandle: this.state.id('handle'), resumable: true } });
  }

  private onRealtimeInput(input: Json): void {
    const audios: unknown[] = [];
    if (isObject(input.audio)) audios.push(input.audio);
    if (Array.isArray(input.mediaChunks)) audios.push(...input.mediaChunks);
    for (const audio of audios) {
      if (!isObject(audio)) continue;
      const mime = typeof audio.mimeType === 'string' ? audio.mimeType.replace(/\s+/g, '').toLowerCase() : '';
      if (mime !== 'audio/pcm;rate=16000' && mime !== 'audio/pcm') {
        this.close(LIVE_CLOSE.unsupportedMime(String(audio.mimeType)));
        return;
      }
      const data = typeof audio.data === 'string' ? Buffer.from(audio.data, 'base64') : Buffer.alloc(0);
      this.onAudio(pcm16FromBytes(data));
    }
    if (isObject(input.activityStart)) {
      this.state.stats.live.activityStarts += 1;
      if (!this.manualActivity) {
        this.close(LIVE_CLOSE.explicitActivity);
        return;
      }
      this.startTurn();
    }
    if (isObject(input.activityEnd)) {
      this.state.stats.live.activityEnds += 1;
      if (!this.manualActivity) {
        this.close(LIVE_CLOSE.explicitActivity);
        return;
      }
      this.endTurn();
    }
    if (input.audioStreamEnd === true) {
      this.state.stats.live.audioStreamEnds += 1;
      // With automatic detection the end of the stream ends the user's turn; with manual detection only activityEnd does.
      if (!this.manualActivity) this.endTurn();
    }
  }

  private startTurn(): Turn {
    if (this.turn && !this.turn.ended) return this.turn;
    this.checkGoAwayFault();
    this.turn = {
      index: ++this.turnCount,
      meter: new AudioMeter(),
      chunks: 0,
      head: new Int16Array(TONE_SAMPLES),
      headFill: 0,
      plan: null,
      toneHz: null,
      sent: 0,
      committed: '',
      timer: undefined,
      ended: false,
      faultChecked: false,
      endedAt: null,
      finishedAt: null,
    };
    return this.turn;
  }

  private onAudio(samples: Int16Array): void {
    this.state.stats.live.audioChunks += 1;
    // Audio outside activityStart/activityEnd opens a turn (automatic detection would hear speech start).
    const turn = this.turn && !this.turn.ended ? this.turn : this.startTurn();
    turn.chunks += 1;
    turn.meter.add(samples);
    if (turn.headFill < turn.head.length) {
      const take = Math.min(samples.length, turn.head.length - turn.headFill);
      turn.head.set(samples.subarray(0, take), turn.headFill);
      turn.headFill += take;
    }
    if (this.state.profile.firstIncrementMs === 0) {
      // Instant profile: one increment per chunk once the tone window is in.
      if (turn.headFill >= turn.head.length) this.sendStep(turn);
    } else if (turn.timer === undefined) {
      turn.timer = setTimeout(() => this.tick(turn), this.state.profile.firstIncrementMs);
    } else {
      this.onPause(turn);
    }
  }

  private tick(turn: Turn): void {
    turn.timer = undefined;
    if (this.closed || turn.ended) return;
    if (this.heardEnough(turn)) this.sendStep(turn);
    turn.timer = setTimeout(() => this.tick(turn), between(this.state.profile.incrementIntervalMs));
  }

  private ensurePlan(turn: Turn): NonNullable<Turn['plan']> {
    if (!turn.plan) {
      const tones = this.state.scripts.flatMap((s) => (s.toneHz === undefined ? [] : [s.toneHz]));
      turn.toneHz = detectTone(turn.head.subarray(0, turn.headFill), SAMPLE_RATE, tones);
      turn.plan = planTranscript(pickScript(this.state.scripts, this.state.defaultTranscript, turn.toneHz), this.vocabulary);
    }
    return turn.plan;
  }

  /**
   * Realistic profile: an increment is sent only once the audio could contain its words, with
   * the increment lagging 150-250 ms behind the audio received (a word is taken as 300 ms of
   * speech, about 200 words per minute), so text never runs ahead of what was said.
   */
  private heardEnough(turn: Turn): boolean {
    if (!turn.meter.nonSilent) return false;
    const plan = this.ensurePlan(turn);
    const step = plan.steps[turn.sent];
    if (!step) return false;
    // The first increment comes at the published 300 ms after speech starts, whatever it holds.
    if (turn.sent === 0) return true;
    const hypothesis = turn.committed + step.committed + step.interim;
    const words = hypothesis.trim() === '' ? 0 : hypothesis.trim().split(/\s+/).length;
    const audioMs = (turn.meter.samples / SAMPLE_RATE) * 1000;
    const lag = between(this.state.profile.incrementLagMs);
    if (audioMs - lag >= words * WORD_MS) return true;
    // The speaker paused: once the quiet has lasted the lag, every word said has been heard, however fast it was
    // said (a recogniser follows the audio, not a words-per-minute rule). A fast speaker's pace still bounds it.
    const quietMs = ((turn.meter.samples - turn.meter.voiceEnd) / SAMPLE_RATE) * 1000;
    const voicedMs = (turn.meter.voicedSamples / SAMPLE_RATE) * 1000;
    return quietMs >= lag && voicedMs >= words * FAST_WORD_MS;
  }

  /** Realistic profile: a pause in the speech lets the recogniser send what it has heard at once, not at its next tick. */
  private onPause(turn: Turn): void {
    if (this.state.profile.firstIncrementMs === 0 || turn.sent === 0 || turn.meter.voiceEnd === turn.meter.samples) return;
    const plan = this.ensurePlan(turn);
    while (turn.sent < plan.steps.length && !turn.ended && !this.closed && this.heardEnough(turn)) {
      const sent = turn.sent;
      this.sendStep(turn);
      if (turn.sent === sent) return;
    }
  }

  /** Mid-turn faults fire at the first transcript message of a turn. */
  private turnFaults(turn: Turn): boolean {
    if (turn.faultChecked) return false;
    turn.faultChecked = true;
    if (this.state.faults.take(['live-drop-mid-turn'])) {
      this.close(LIVE_CLOSE.internal);
      return true;
    }
    if (this.state.faults.take(['live-malformed-frame'])) this.send('<html><body>502 Bad Gateway</body></html>');
    return false;
  }

  private sendStep(turn: Turn): void {
    // Never answer silence or an empty stream: nothing was heard yet.
    if (!turn.meter.nonSilent) return;
    // A phantom is decided on the whole turn: until then nothing is sent.
    if (this.state.faults.has('phantom-transcript')) return;
    const plan = this.ensurePlan(turn);
    const step = plan.steps[turn.sent];
    if (!step) return;
    if (this.turnFaults(turn)) return;
    turn.sent += 1;
    turn.committed += step.committed;
    const content: Json = {};
    if (step.committed !== '') content.inputTranscription = { text: step.committed };
    if (step.interim !== '') content.interimInputTranscription = { text: step.interim };
    this.send({ serverContent: content });
  }

  private endTurn(): void {
    const turn = this.turn;
    if (!turn || turn.ended) {
      // activityEnd without audio: an empty turn, answered with turnComplete only.
      this.finishEmpty();
      return;
    }
    turn.ended = true;
    turn.endedAt = Date.now();
    if (turn.timer) clearTimeout(turn.timer);
    turn.timer = undefined;
    this.later(this.state.profile.finalAfterActivityEndMs, () => this.completeTurn(turn));
  }

  private finishEmpty(): void {
    const turn = this.startTurn();
    turn.ended = true;
    this.later(this.state.profile.finalAfterActivityEndMs, () => this.completeTurn(turn));
  }

  private completeTurn(turn: Turn): void {
    let transcript = '';
    const phantom = turn.sent === 0 ? this.state.faults.take(['phantom-transcript'], undefined, (f) => turn.meter.rms < (f.belowRms ?? PHANTOM_BELOW_RMS)) : undefined;
    if (phantom) {
      transcript = phantom.text ?? PHANTOM_TEXT;
      this.send({ serverContent: { inputTranscription: { text: transcript, finished: true } } });
    } else if (turn.meter.nonSilent) {
      const plan = this.ensurePlan(turn);
      if (this.turnFaults(turn)) return;
      const rest = plan.steps.slice(turn.sent).map((s) => s.committed).join('') + plan.last;
      turn.sent = plan.steps.length;
      turn.committed += rest;
      transcript = turn.committed;
      this.send({ serverContent: { inputTranscription: { text: rest, finished: true } } });
      turn.finishedAt = Date.now();
    }
    // The transcription model may end its transcript (finished) well before the turn: clients must not wait.
    const late = this.state.faults.take(['live-late-turn-complete']);
    if (late) this.later(late.delayMs ?? 3_000, () => this.sendTurnComplete(turn, transcript));
    else this.sendTurnComplete(turn, transcript);
  }

  private sendTurnComplete(turn: Turn, transcript: string): void {
    const audioTokens = Math.round((turn.meter.samples / SAMPLE_RATE) * AUDIO_TOKENS_PER_SECOND);
    const textTokens = Math.ceil(transcript.length / 4);
    this.send({
      serverContent: { turnComplete: true },
      usageMetadata: {
        promptTokenCount: audioTokens,
        responseTokenCount: textTokens,
        totalTokenCount: audioTokens + textTokens,
        promptTokensDetails: [{ modality: 'AUDIO', tokenCount: audioTokens }],
        responseTokensDetails: [{ modality: 'TEXT', tokenCount: textTokens }],
      },
    });
    if (this.resumption) this.sendResumptionUpdate();
    pushCapped(this.state.stats.live.turns, {
      connectionId: this.id,
      turn: turn.index,
      samples: turn.meter.samples,
      chunks: turn.chunks,
      nonSilent: turn.meter.nonSilent,
      toneHz: turn.toneHz,
      transcript,
      finalMs: turn.endedAt !== null && turn.finishedAt !== null ? turn.finishedAt - turn.endedAt : null,
    });
  }

  get isSetupComplete(): boolean {
    return this.setupDone;
  }
}
