// The seed's processVoiceCommand: transcript -> intent -> cache -> streamed generation -> result, with every stage timed and abortable.
import type { EditTarget, IntentName, PipelineResult, StageTimings } from '../../preload/contract.js';
import { LinkedAbortController, throwIfAborted } from '../core/abort.js';
import type { Budget, Stage } from '../core/budgets.js';
import type { Clock } from '../core/clock.js';
import { AppError, toAppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { TimeoutError, withTimeout } from '../core/timeout.js';
import type { FinishReason, GenerationChunk, GenerationUsage } from '../gemini/types.js';
import { emptySpeculationStats, SpeculativeGeneration, type SpeculationStats } from './speculation.js';
import { allStages, incompleteCode, incompleteMessage, specFields, usageFields, WaitClock } from './outcome.js';
import { selectContext, type SelectedContext } from './context-select.js';
import { editEvent, editOutcome, editPromptFields, editResultFields } from './edit-request.js';
import { assertEditTarget } from './edit-fit.js';
import { editLanguage } from './edit-prompt.js';
import { StreamingCheck, cacheable, reviewAnswer, type CodeCheckPort, type QualitySettings } from './code-quality.js';
import { personalStep, type PersonalPort } from './personal-step.js';
import { warmPipelineCode } from './warm-up.js';
import type {
  AdmissionPort, CachePort, ContextPort, EventSink, GeneratorPort, HistoryPort, IntentOutcome, IntentPort, LoadedContext,
  MonitorPort, PipelineProfile, PromptPort, Redactor,
} from './ports.js';
import { profileField, profileInfo, profileKeyMaterial } from './ports.js';

/** Generous hard limits: the budgets alert, these stop work that will never finish. */
const GENERATION_HARD_TIMEOUT_MS = 60_000;
const CONTEXT_TIMEOUT_MS = 300;

export interface PipelineSettings {
  defaultLanguage: string;
  /** Speculative generation on a stable partial transcript (settings.speculation). */
  speculation: { enabled: boolean; stableMs: number; pauseMs: number; minConfidence: number };
  intentTimeoutMs: number;
  resultTtlMs: number;
  cacheEnabled: boolean;
  budgets: Record<Stage, Budget>;
  /** The syntax check and its one repair (settings.quality); off when absent. */
  quality?: QualitySettings;
}

export interface PipelineDeps<K> {
  intent: IntentPort;
  prompts: PromptPort;
  cache: CachePort<K> | null;
  history: HistoryPort;
  generator: GeneratorPort;
  context: ContextPort;
  monitor: MonitorPort;
  admission: AdmissionPort;
  clock: Clock;
  logger: Logger;
  settings: PipelineSettings;
  /** Applied to the transcript before it is stored or shown again (typed text can hold a pasted key). */
  redact?: Redactor;
  /** The syntax check (main/quality's worker pool); without it nothing is checked. */
  check?: CodeCheckPort;
  /** The personal dictionary (spoken forms in a spoken transcript) and snippets, answered locally. */
  personal?: PersonalPort;
}

export interface TranscriptInput {
  transcript: string;
  source: 'voice' | 'text' | 'quick' | 'file';
  language?: string;
  intent?: IntentName;
  noCache?: boolean;
  /** Skip the syntax check for this request (the CLI's --no-check). */
  noCheck?: boolean;
  /** Context loading started earlier (at hotkey down), if any. */
  context?: Promise<LoadedContext>;
  /** Explicit clipboard text (tray quick commands act on it). */
  clipboard?: string;
  /** The app profile (from the window focused at hotkey down, or chosen by the user for this request). */
  profile?: PipelineProfile;
  /** Monotonic time the request started (release of the hotkey, or submit). */
  startedAt?: number;
  /** Stage times measured before this point (transcription). */
  timings?: StageTimings;
  /** A speculative generation started on the partial transcript: kept when the final is the same request. */
  speculation?: SpeculativeGeneration | null;
  /** Speculation counters of this request so far (started, wasted before the final). */
  speculationStats?: SpeculationStats;
  /** Edit by voice: the request changes this selection; a voice request announced it at hotkey down already. */
  edit?: EditTarget;
}

/** What the transcript decides before any network call: text, context, local intent, language, key. */
interface Prepared<K> {
  text: string;
  context: SelectedContext;
  local: IntentOutcome;
  forced: IntentOutcome | null;
  language: string;
  key: K | null;
  /** Equal for two transcripts that ask for the same thing (a speculative stream is kept only then). */
  signature: string;
}

/** Quota errors make speculation pause this long: it would spend what little quota is left. */
const QUOTA_PAUSE_MS = 60_000;

const EMPTY_CONTEXT: LoadedContext = { history: [], identifiers: [] };

export class VoicePipeline<K> {
  private lastQuotaErrorAt: number | null = null;

  constructor(private readonly deps: PipelineDeps<K>) {}

  get settings(): PipelineSettings {
    return this.deps.settings;
  }

  /** Throws MEMORY_PRESSURE while memory is critical, so nothing starts that would make it worse. */
  admit(): void {
    this.deps.admission.assertAdmission();
  }

  /** Records a request that failed before reaching the transcript stage (transcription). */
  recordFailure(source: TranscriptInput['source'], timings: StageTimings, error: AppError): void {
    this.deps.monitor.record({ timings, cacheTier: null, errorCode: error.code, source });
  }

  /** At start: every local stage runs once on samples, so a user's first request does not pay their first-use costs. */
  warmUp(): void {
    warmPipelineCode({ prepare: (text, input, loaded) => this.prepare(text, input, loaded, false), prompts: this.deps.prompts, ...(this.deps.redact ? { redact: this.deps.redact } : {}) });
  }

  /** Starts context loading (clipboard, history, vocabulary); bounded in time, never fails the request. */
  loadContext(signal: AbortSignal): Promise<LoadedContext> {
    return withTimeout('context', CONTEXT_TIMEOUT_MS, (s) => this.deps.context.load(s), signal).catch((error: unknown) => {
      this.deps.logger.warn({ err: error }, 'context loading failed; continuing without it');
      return EMPTY_CONTEXT;
    });
  }

  /** Runs a request from the transcript stage on (typed text, tray commands, and voice after transcription). */
  async fromTranscript(input: TranscriptInput, onEvent: EventSink, parentSignal?: AbortSignal): Promise<PipelineResult> {
    const { clock, history, monitor } = this.deps;
    const startedAt = input.startedAt ?? clock.monotonic();
    const timings: StageTimings = { ...input.timings };
    const link = new LinkedAbortController(parentSignal);
    const signal = link.signal;
    let historyId: number | null = null;
    const requestId = globalThis.crypto.randomUUID();
    let cacheTier: 'l1' | 'l2' | 'l3' | 'miss' | null = null;
    let usage: GenerationUsage | undefined;
    const specStats: SpeculationStats = { ...emptySpeculationStats(), ...input.speculationStats };
    let wait: WaitClock | null = null;
    try {
      if (input.source !== 'voice') this.admit();
      if (input.edit) {
        assertEditTarget(input.edit);
        // Dictations and recorded files announce it before transcription (AppRequests); typed and quick requests here.
        if (input.source === 'text' || input.source === 'quick') onEvent(editEvent(input.edit));
      }
      throwIfAborted(signal);
      if (input.profile) onEvent({ type: 'profile', profile: profileInfo(input.profile) });
      const loaded = await (input.context ?? this.loadContext(signal));
      const prepared = this.prepare(input.transcript, input, loaded);
      if (this.deps.personal) {
        const heard = this.deps.redact ? this.deps.redact(input.transcript.trim()) : input.transcript.trim();
        const selection = (input as { edit?: { selection: string } }).edit?.selection;
        const stepInput = { text: prepared.text, heard, source: input.source, requestId, startedAt, timings, loaded, ...(input.clipboard !== undefined ? { clipboard: input.clipboard } : {}), ...(selection !== undefined ? { selection } : {}) };
        const local = await personalStep({ personal: this.deps.personal, history, monitor, clock, logger: this.deps.logger }, stepInput, onEvent, signal);
        if (local) {
          if (input.speculation) this.discard(input.speculation, specStats);
          return local;
        }
      }
      const { text, local, forced, language, key } = prepared;
      const context = prepared.context;
      const clipboard = context.clipboard;
      if (text.length === 0) throw new AppError('BAD_AUDIO', 'Nothing was heard. Hold the hotkey while you speak, and check the microphone level meter.');
      onEvent({ type: 'transcript.final', text });
      historyId = await history.create({ requestId, transcript: text, source: input.source });
      const intentStart = clock.monotonic();
      // The final decides: the speculative stream is kept only for the very same request.
      const speculation = input.speculation && !input.speculation.failed && input.speculation.signature === prepared.signature ? input.speculation : null;
      if (input.speculation && speculation === null) this.discard(input.speculation, specStats);
      if (speculation) specStats.kept++;

      if (key !== null && this.deps.cache) {
        const hit = await this.deps.cache.get(key, signal).catch((error: unknown) => {
          this.deps.logger.warn({ err: error }, 'cache lookup failed; generating instead');
          return undefined;
        });
        if (hit) {
          if (speculation) {
            this.discard(speculation, specStats);
            specStats.kept--;
          }
          timings.intent = clock.monotonic() - intentStart;
          cacheTier = hit.tier;
          onEvent({ type: 'intent', intent: hit.value.intent, slots: { ...local.slots, language: hit.value.language }, confidence: forced?.confidence ?? local.confidence });
          timings.total = clock.monotonic() - startedAt - (timings.waiting ?? 0);
          // History holds each answer once: a hit counts a use of the entry it repeats (or completes its own row).
          const edited = input.edit ? editOutcome(input.edit, hit.value.code, this.deps.redact) : null;
          // An edit keeps its own row: its before and after are what History shows for it.
          const reused = edited ? undefined : await this.reuseHistory(requestId, hit.value);
          if (reused === undefined) await this.recordSafely(requestId, { intent: hit.value.intent, language: hit.value.language, code: hit.value.code, answer: hit.value.answer, timings, cachedTier: hit.tier, complete: true, ...(hit.value.check ? { check: hit.value.check } : {}), ...(edited ? { edit: edited.history } : {}) });
          const result: PipelineResult = {
            code: hit.value.code, language: hit.value.language, answer: hit.value.answer, intent: hit.value.intent, transcript: text, complete: true,
            finishReason: hit.value.finishReason, cached: { tier: hit.tier, ageMs: hit.ageMs }, historyId: reused ?? historyId, timings, ...(hit.value.check ? { check: hit.value.check } : {}),
            ...editResultFields(edited),
            ...profileField(input.profile),
          };
          onEvent({ type: 'result', result });
          onEvent({ type: 'timings', stages: allStages(timings) });
          monitor.record({ timings, cacheTier, errorCode: null, source: input.source, ...specFields(specStats) });
          return result;
        }
        cacheTier = 'miss';
      }

      // An edit's prompt does not depend on the intent: no model assist for it.
      const resolved = forced ?? (speculation || input.edit ? local : await this.refineIntent(local, text, signal));
      timings.intent = clock.monotonic() - intentStart;
      const slots = { ...resolved.slots, language };
      onEvent({ type: 'intent', intent: resolved.intent, slots, confidence: resolved.confidence });
      await this.recordSafely(requestId, { intent: resolved.intent, language });

      if (!speculation) monitor.checkTokenCap();
      const prompt = this.deps.prompts.build({ intent: resolved.intent, slots, transcript: text, language, ...(clipboard ? { clipboard } : {}), history: context.history, ...editPromptFields(input.edit), ...(input.profile ? { profile: input.profile } : {}) });
      const checkLanguage = prompt.language ?? language;
      // A selection is often a fragment (a loop body, half a class) that no parser accepts alone: edits are not checked.
      const checkPort = this.deps.check && this.deps.settings.quality?.check && !input.noCheck && !input.edit ? this.deps.check : null;
      const extract = (text: string) => this.deps.prompts.extract(text, checkLanguage);
      const watcher = checkPort ? new StreamingCheck(checkPort, checkLanguage, extract, signal, this.deps.logger) : null;
      checkPort?.warm([checkLanguage]);
      const genStart = clock.monotonic();
      const genWait = new WaitClock(() => clock.monotonic(), timings);
      wait = genWait;
      const stream = (genSignal: AbortSignal): AsyncIterable<GenerationChunk> => (speculation ? speculation.adopt(genSignal) : this.deps.generator.stream({ ...prompt, signal: genSignal }));
      let answer = '';
      let finishReason = 'UNKNOWN' as FinishReason;
      await withTimeout('generation', GENERATION_HARD_TIMEOUT_MS, async (genSignal) => {
        for await (const chunk of stream(genSignal)) {
          genWait.end();
          if (chunk.type === 'text') {
            answer += chunk.text;
            onEvent({ type: 'code.chunk', text: chunk.text });
            watcher?.push(chunk.text, answer);
          } else if (chunk.type === 'waiting') {
            // Gemini asked us to wait (RetryInfo): say so, and until when, before the wait.
            genWait.start(chunk.delayMs);
            onEvent({ type: 'waiting', stage: 'generation', until: chunk.until, delayMs: chunk.delayMs, reason: chunk.error.toJSON() });
          } else {
            finishReason = chunk.finishReason;
            usage = chunk.usage;
          }
        }
      }, signal);
      genWait.end();
      timings.generation = clock.monotonic() - genStart - genWait.totalMs;
      let extracted = extract(answer);
      let check: PipelineResult['check'];
      if (checkPort && watcher && finishReason === 'STOP' && extracted.complete) {
        const reviewed = await reviewAnswer({
          watcher, port: checkPort, language: checkLanguage, answer, extracted, finishReason, usage, prompt, extract,
          repair: this.deps.settings.quality?.repair ?? false, checkTokenCap: () => monitor.checkTokenCap(), signal, logger: this.deps.logger,
          generate: (request) => this.deps.generator.stream(request),
        });
        ({ answer, extracted, finishReason, usage, check } = reviewed);
      }
      // Prose is never part of an edit: an answer without code leaves the selection as it was, and says so.
      const edited = input.edit ? editOutcome(input.edit, extracted.code, this.deps.redact, extracted.source) : null;
      const complete = finishReason === 'STOP' && extracted.complete && extracted.code.trim().length > 0 && (edited?.hasCode ?? true);
      timings.total = clock.monotonic() - startedAt - genWait.allMs;
      const result: PipelineResult = {
        code: extracted.code, language: extracted.language, answer, intent: resolved.intent, transcript: text, complete, finishReason,
        cached: null, historyId, timings, ...(check ? { check } : {}), ...editResultFields(edited), ...profileField(input.profile),
      };
      await this.recordSafely(requestId, {
        intent: resolved.intent, language: extracted.language, code: extracted.code, answer, timings, cachedTier: null, complete, ...(check ? { check } : {}), ...(edited ? { edit: edited.history } : {}),
        ...(complete ? {} : { errorCode: incompleteCode(finishReason), errorMessage: incompleteMessage(finishReason) }),
      });
      if (complete && cacheable(check) && key !== null && this.deps.cache) {
        const value = { code: extracted.code, answer, language: extracted.language, intent: resolved.intent, finishReason, createdAt: Date.now(), ...(check ? { check } : {}) };
        this.deps.cache.set(key, value, this.deps.settings.resultTtlMs).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'cache write failed'));
      }
      onEvent({ type: 'result', result });
      if (!complete) onEvent({ type: 'error', error: new AppError(incompleteCode(finishReason), incompleteMessage(finishReason)).toJSON() });
      onEvent({ type: 'timings', stages: allStages(timings) });
      monitor.record({ timings, cacheTier, errorCode: complete ? null : incompleteCode(finishReason), source: input.source, ...usageFields(usage), ...specFields(specStats) });
      return result;
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'QUOTA') this.lastQuotaErrorAt = clock.monotonic();
      if (input.speculation && !input.speculation.cancelled) this.discard(input.speculation, specStats);
      timings.total = clock.monotonic() - startedAt;
      wait?.end();
      timings.total -= wait?.allMs ?? input.timings?.waiting ?? 0;
      if (historyId !== null) {
        try {
          await history.update(requestId, { timings, errorCode: appError.code, errorMessage: appError.message });
        } catch (storeError) {
          this.deps.logger.error({ err: storeError }, 'could not record the error in history');
        }
      }
      onEvent({ type: 'error', error: appError.toJSON() });
      onEvent({ type: 'timings', stages: allStages(timings) });
      monitor.record({ timings, cacheTier, errorCode: appError.code, source: input.source, ...usageFields(usage), ...specFields(specStats) });
      throw appError;
    } finally {
      link.dispose();
    }
  }

  /**
   * Typed text (the text box, quick commands) is never rewritten: only secrets are redacted. A spoken
   * transcript gets its spoken identifiers written as code, learned names in the target language's convention.
   */
  private prepare(transcript: string, input: Pick<TranscriptInput, 'language' | 'intent' | 'noCache' | 'clipboard' | 'source' | 'edit' | 'profile'>, loaded: LoadedContext, final = true): Prepared<K> {
    const spoken = input.source === 'voice' || input.source === 'file';
    const redacted = this.deps.redact ? this.deps.redact(transcript.trim()) : transcript.trim();
    // Spoken forms of the personal dictionary first ("cube control" -> kubectl): the intent then sees the terms.
    const said = spoken && this.deps.personal ? this.deps.personal.applyDictionary(redacted, final) : redacted;
    let text = spoken ? this.deps.intent.normaliseIdentifiers(said, loaded.identifiers) : said;
    const context = selectContext(text, input.clipboard !== undefined ? { ...loaded, clipboard: input.clipboard } : loaded, input.clipboard !== undefined);
    // Language precedence: the caller's (CLI --lang), then one the user says, then the app profile's, then the default.
    const fallbackLanguage = input.profile?.language ?? this.deps.settings.defaultLanguage;
    const recogniseOptions = { defaultLanguage: input.language ?? fallbackLanguage, knownIdentifiers: loaded.identifiers, ...(context.clipboard ? { clipboardCode: context.clipboard } : {}) };
    let local = this.deps.intent.recognise(text, recogniseOptions);
    if (spoken) {
      // The language is known only after recognition: learned names are then written in its convention.
      const styled = this.deps.intent.normaliseIdentifiers(said, loaded.identifiers, input.language ?? local.slots.language ?? fallbackLanguage);
      if (styled !== text) {
        text = styled;
        local = this.deps.intent.recognise(text, recogniseOptions);
      }
    }
    const forced: IntentOutcome | null = input.intent ? { ...local, intent: input.intent, confidence: 1, source: 'explicit' } : null;
    const language = input.edit ? editLanguage(input.edit, input.language, fallbackLanguage) : input.language ?? local.slots.language ?? fallbackLanguage;
    const intent = forced?.intent ?? local.intent;
    const selection = input.edit?.selection;
    const normalised = this.deps.intent.normaliseForKey(text);
    const useCache = this.deps.cache !== null && this.deps.settings.cacheEnabled && !input.noCache;
    // The key is computed once here and passed to every tier.
    // A shell command for a terminal and code for an editor are different answers to the same words.
    const profileKey = profileKeyMaterial(input.profile);
    const keyContext = profileKey === '' ? context.keyMaterial : `${context.keyMaterial}\u0000profile\u0000${profileKey}`;
    const key = useCache && this.deps.cache ? this.deps.cache.key({ transcript: normalised, intent, language, context: keyContext, ...(selection !== undefined ? { selection } : {}) }) : null;
    return { text, context, local, forced, language, key, signature: `${normalised}\u0000${intent}\u0000${language}\u0000${keyContext}${selection !== undefined ? `\u0000edit\u0000${selection}` : ''}` };
  }

  /**
   * Starts generating on a stable partial transcript, when the recogniser is confident, speculation is on,
   * no quota error was seen recently and the answer is not cached already. Returns null when it should not.
   */
  async speculate(partial: string, input: Pick<TranscriptInput, 'language' | 'intent' | 'noCache' | 'clipboard' | 'edit' | 'profile'>, context: Promise<LoadedContext>, signal: AbortSignal): Promise<SpeculativeGeneration | null> {
    const { settings, clock } = this.deps;
    if (!settings.speculation.enabled || signal.aborted) return null;
    if (this.lastQuotaErrorAt !== null && clock.monotonic() - this.lastQuotaErrorAt < QUOTA_PAUSE_MS) return null;
    // Speculation runs on a spoken partial only.
    const prepared = this.prepare(partial, { ...input, source: 'voice' }, await context, false);
    const confidence = prepared.forced?.confidence ?? prepared.local.confidence;
    // An edit's prompt does not depend on the recognised intent, so its confidence does not gate speculation.
    if (prepared.text.length === 0 || (!input.edit && confidence < settings.speculation.minConfidence) || signal.aborted) return null;
    // A snippet or a dictionary command is answered locally: nothing to generate, nothing to spend.
    if (this.deps.personal && (this.deps.personal.snippetFor(prepared.text) || this.deps.personal.dictionaryAddRequest(partial) !== undefined)) return null;
    if (prepared.key !== null && this.deps.cache && (await this.deps.cache.get(prepared.key, signal).catch(() => undefined))) return null;
    try {
      this.deps.monitor.checkTokenCap();
    } catch {
      return null;
    }
    const resolved = prepared.forced ?? prepared.local;
    const slots = { ...resolved.slots, language: prepared.language };
    const clipboard = prepared.context.clipboard;
    const prompt = this.deps.prompts.build({ intent: resolved.intent, slots, transcript: prepared.text, language: prepared.language, ...(clipboard ? { clipboard } : {}), history: prepared.context.history, ...editPromptFields(input.edit), ...(input.profile ? { profile: input.profile } : {}) });
    return new SpeculativeGeneration(prepared.signature, partial, (s) => this.deps.generator.stream({ ...prompt, signal: s }), clock.monotonic(), prompt.systemInstruction.length + prompt.prompt.length);
  }

  /** The final history write: a store failure is logged, never allowed to throw away a finished answer. */
  /** A failed reuse is logged and the request keeps its own row: the answer is never lost over history. */
  private async reuseHistory(requestId: string, answer: { code: string; language: string }): Promise<number | undefined> {
    if (!this.deps.history.reuse || !answer.code) return undefined;
    try {
      return await this.deps.history.reuse(requestId, answer);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'history reuse failed; keeping the request as its own entry');
      return undefined;
    }
  }

  private async recordSafely(requestId: string, patch: Parameters<HistoryPort['update']>[1]): Promise<void> {
    try {
      await this.deps.history.update(requestId, patch);
    } catch (error) {
      this.deps.logger.error({ err: error, requestId }, 'could not save the result in history; the answer is still delivered');
    }
  }

  /** Aborts a speculation that will not be used and counts what it cost. */
  discard(speculation: SpeculativeGeneration, stats: SpeculationStats): void {
    speculation.cancel();
    stats.wasted++;
    const spent = speculation.tokensSpent();
    stats.wastedPromptTokens += spent.prompt;
    stats.wastedOutputTokens += spent.output;
    stats.wastedTokens += spent.prompt + spent.output;
  }

  private async refineIntent(local: IntentOutcome, text: string, signal: AbortSignal): Promise<IntentOutcome> {
    try {
      return await withTimeout('intent', this.deps.settings.intentTimeoutMs, (s) => this.deps.intent.refine(local, text, s), signal);
    } catch (error) {
      if (error instanceof TimeoutError) {
        this.deps.logger.info({ timeoutMs: this.deps.settings.intentTimeoutMs }, 'intent assist timed out; using generic');
        return { ...local, intent: 'generic', source: 'timeout' };
      }
      // The assist is optional: its failure (quota, network, a bad model name) must not fail the request.
      if (signal.aborted) throw error;
      this.deps.logger.warn({ err: error }, 'intent assist failed; using generic');
      return { ...local, intent: 'generic', source: 'fallback' };
    }
  }
}
