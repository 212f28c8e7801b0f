// The local intent recogniser (well under a millisecond), the bounded model assist below a confidence threshold, and tray quick commands.
import type { LanguageId } from '../config/schema.js';
import { abortReason } from '../core/abort.js';
import { AppError, toAppError } from '../core/errors.js';
import { withTimeout } from '../core/timeout.js';
import { scanIdentifiers } from './identifier.js';
import { analyseIntent } from './intent-cues.js';
import { detectLanguage } from './language-detect.js';
import { canonicalLanguage } from './languages.js';
import { scanMentions, tokenise } from './mentions.js';
import { resolveFramework, resolveLanguage, resolveName } from './slots.js';
import {
  QUICK_COMMANDS, isIntentName, type IntentName, type IntentResult, type IntentSlots, type QuickCommand, type RecogniseOptions,
} from './types.js';

/** Confidence of a request with no cue at all: low enough that the model assist is asked when there is one. */
const NO_CUE_CONFIDENCE = 0.3;
/** How much a close runner-up (another intent within MARGIN) lowers the confidence. */
const MARGIN = 0.05;
const AMBIGUITY_PENALTY = 0.1;

/**
 * Requests say what they want in their first sentences; a typed request with pasted code can run
 * to 100 KB (the API's limit), which took 50 ms to analyse whole. Only the start is analysed.
 */
const MAX_ANALYSED_CHARS = 2_000;

/** Recognises what a spoken or typed request asks for, and its slots. Pure and synchronous. */
export function recogniseIntent(text: string, options: RecogniseOptions = {}): IntentResult {
  const head = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  const scan = scanIdentifiers(head, options.knownIdentifiers ?? []);
  const tokens = tokenise(scan.text);
  const mentions = scanMentions(tokens);
  const identifierTokens = new Set(scan.identifiers.map((f) => f.value.toLowerCase()));
  const analysis = analyseIntent(tokens, mentions, identifierTokens);
  const best = analysis.ranked[0];
  const runnerUp = analysis.ranked[1];
  const intent: IntentName = best?.intent ?? 'generic';
  let confidence = best?.score ?? NO_CUE_CONFIDENCE;
  if (best && runnerUp && best.score - runnerUp.score <= MARGIN) confidence -= AMBIGUITY_PENALTY;

  let clipboardLanguage: LanguageId | null | undefined = null;
  const language = resolveLanguage({
    intent,
    analysis,
    mentions,
    defaultLanguage: canonicalLanguage(options.defaultLanguage),
    // Detected only when needed: most requests name a language or use the default.
    clipboardLanguage: () => {
      if (clipboardLanguage === null) clipboardLanguage = options.clipboardCode ? detectLanguage(options.clipboardCode) : undefined;
      return clipboardLanguage;
    },
  });
  const slots: IntentSlots = {};
  if (language) slots.language = language;
  const name = resolveName({ intent, text: scan.text, identifiers: scan.identifiers, kind: intent === 'generate_class' ? 'type' : analysis.headKind ?? 'function', language });
  if (name) slots.name = name;
  const framework = resolveFramework(intent, mentions);
  if (framework) slots.framework = framework;
  if (intent === 'convert_language' && analysis.target) slots.target_language = analysis.target.id;
  return { intent, slots, confidence: round(Math.max(0, Math.min(1, confidence))), source: 'local' };
}

/** A model-assisted classifier: answers an intent name, or undefined when unsure. It must stop when the signal aborts. */
export type IntentAssist = (text: string, signal: AbortSignal) => Promise<IntentName | undefined>;

export interface ResolveOptions {
  assist?: IntentAssist;
  /** The intent stage's timeout (settings intent.timeoutMs); the assist is aborted when it passes. */
  timeoutMs: number;
  /** Below this local confidence the assist is asked (settings intent.assistBelowConfidence). */
  assistBelowConfidence: number;
  signal?: AbortSignal;
}

export interface ResolvedIntent extends IntentResult {
  /** Why the result fell back to `generic`, so the caller can count it. */
  fallback?: 'no-assist' | 'timeout' | 'error' | 'no-answer';
  /** The assist's error when it failed (timeouts included). */
  assistError?: AppError;
}

/**
 * The local result when it is confident enough; otherwise the assist's answer within the timeout
 * (the assist is aborted when the timeout passes), and `generic` when there is no usable answer.
 * Rejects only with CANCELLED, when the caller's signal aborts.
 */
export async function resolveIntent(text: string, recogniseOptions: RecogniseOptions, options: ResolveOptions): Promise<ResolvedIntent> {
  const local = recogniseIntent(text, recogniseOptions);
  if (local.confidence >= options.assistBelowConfidence) return local;
  const fallback = (reason: NonNullable<ResolvedIntent['fallback']>, error?: AppError): ResolvedIntent => ({
    ...local, intent: 'generic', source: 'fallback', fallback: reason, ...(error ? { assistError: error } : {}),
  });
  const assist = options.assist;
  if (!assist) return fallback('no-assist');
  try {
    const answer = await withTimeout('intent', options.timeoutMs, (signal) => assist(text, signal), options.signal);
    if (!isIntentName(answer)) return fallback('no-answer');
    const slots = answer === local.intent ? local.slots : withoutTarget(local.slots, answer);
    return { intent: answer, slots, confidence: Math.max(local.confidence, options.assistBelowConfidence), source: 'assist' };
  } catch (error) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    const appError = toAppError(error);
    return fallback(appError.code === 'TIMEOUT' ? 'timeout' : 'error', appError);
  }
}

function withoutTarget(slots: IntentSlots, intent: IntentName): IntentSlots {
  if (intent === 'convert_language' || slots.target_language === undefined) return slots;
  const { target_language: _target, ...rest } = slots;
  return rest;
}

/** A tray quick command's intent ("add_types" or "add-types"). Throws VALIDATION for an unknown command. */
export function quickCommandIntent(command: string): IntentName {
  const id = command.trim().toLowerCase().replace(/-/g, '_');
  if ((QUICK_COMMANDS as readonly string[]).includes(id)) return id as QuickCommand;
  throw new AppError('VALIDATION', `Unknown quick command "${command}". Known commands: ${QUICK_COMMANDS.join(', ')}.`);
}

export interface QuickCommandOptions {
  clipboardCode?: string;
  defaultLanguage?: string;
  /** For convert_language: the language to convert to. */
  targetLanguage?: string;
}

/**
 * The full intent of a quick command (confidence 1, no recognition needed): the language is the
 * clipboard code's, else the default.
 */
export function quickCommandResult(command: string, options: QuickCommandOptions = {}): IntentResult {
  const intent = quickCommandIntent(command);
  const slots: IntentSlots = {};
  const language = (options.clipboardCode ? detectLanguage(options.clipboardCode) : undefined) ?? canonicalLanguage(options.defaultLanguage);
  if (language) slots.language = language;
  const target = canonicalLanguage(options.targetLanguage);
  if (intent === 'convert_language' && target) slots.target_language = target;
  return { intent, slots, confidence: 1, source: 'quick' };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
