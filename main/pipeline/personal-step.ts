// Personal commands answered locally, before any Gemini call: a snippet expands, "add X to my dictionary" asks to confirm.
import type { PipelineResult, StageTimings } from '../../preload/contract.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { EventSink, HistoryPort, LoadedContext, MonitorPort } from './ports.js';

/** The personal dictionary and snippets as the pipeline uses them (main/personal/personal-service.ts). */
export interface PersonalPort {
  /** Spoken forms replaced by their terms; `countUses` false for partial transcripts (speculation). */
  applyDictionary(text: string, countUses?: boolean): string;
  snippetFor(transcript: string): { id: number; name: string; body: string } | undefined;
  /** Expands a snippet's placeholders; reads the clipboard only when the body uses it. */
  expandSnippet(snippet: { id: number; body: string }, values: { clipboard?: string; selection?: string }, signal: AbortSignal): Promise<string>;
  dictionaryAddRequest(transcript: string): string | undefined;
}

export interface PersonalStepInput {
  /** The transcript after redaction (and, when spoken, after the dictionary). */
  text: string;
  heard: string;
  source: 'voice' | 'text' | 'quick' | 'file';
  requestId: string;
  startedAt: number;
  timings: StageTimings;
  loaded: LoadedContext;
  clipboard?: string;
  selection?: string;
}

export interface PersonalStepDeps {
  personal: PersonalPort;
  history: HistoryPort;
  monitor: MonitorPort;
  clock: Clock;
  logger: Logger;
}

/** A result when the transcript is a personal command, else undefined (the request goes on to generation). */
export async function personalStep(deps: PersonalStepDeps, input: PersonalStepInput, onEvent: EventSink, signal: AbortSignal): Promise<PipelineResult | undefined> {
  if (input.source === 'quick' || input.text.length === 0) return undefined;
  const { clock } = deps;
  const timings: StageTimings = { ...input.timings };
  // The word to add is the one most likely misheard, so it comes back for the user to check and save (typed too).
  const toAdd = deps.personal.dictionaryAddRequest(input.heard);
  if (toAdd !== undefined) {
    onEvent({ type: 'transcript.final', text: input.heard });
    timings.total = clock.monotonic() - input.startedAt;
    const result: PipelineResult = {
      code: '', language: 'text', answer: '', intent: 'generic', transcript: input.heard, complete: true, finishReason: 'STOP',
      cached: null, historyId: null, timings, dictionaryAdd: { term: toAdd },
    };
    onEvent({ type: 'result', result });
    return result;
  }
  const snippet = deps.personal.snippetFor(input.text);
  if (!snippet) return undefined;
  onEvent({ type: 'transcript.final', text: input.text });
  const intentStart = clock.monotonic();
  const historyId = await deps.history.create({ requestId: input.requestId, transcript: input.text, source: input.source });
  const clipboard = input.clipboard ?? input.loaded.clipboard;
  const code = await deps.personal.expandSnippet(snippet, { ...(clipboard !== undefined ? { clipboard } : {}), ...(input.selection !== undefined ? { selection: input.selection } : {}) }, signal);
  timings.intent = clock.monotonic() - intentStart;
  timings.total = clock.monotonic() - input.startedAt;
  onEvent({ type: 'intent', intent: 'generic', slots: { language: 'text', name: snippet.name }, confidence: 1 });
  try {
    await deps.history.update(input.requestId, { intent: 'generic', language: 'text', code, answer: code, timings, cachedTier: null, complete: true });
  } catch (error) {
    deps.logger.error({ err: error }, 'could not save the snippet in history; it is still delivered');
  }
  const result: PipelineResult = {
    code, language: 'text', answer: code, intent: 'generic', transcript: input.text, complete: true, finishReason: 'STOP',
    cached: null, historyId, timings, snippet: { name: snippet.name },
  };
  onEvent({ type: 'result', result });
  onEvent({ type: 'timings', stages: timings });
  deps.monitor.record({ timings, cacheTier: null, errorCode: null, source: input.source });
  return result;
}
