// The Google-shaped REST routes: models/{model}:generateContent and :streamGenerateContent?alt=sse (models.get and countTokens in model-routes.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from './http-io.js';
import { answerFor, type Answer } from './rest-answer.js';
import { handleModelRoute } from './model-routes.js';
import { googleError, INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE, modelNotFoundMessage } from './google-errors.js';
import { pushCapped, type SimState } from './state.js';
import type { RequestStats } from './types.js';

const ROUTE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Google's SSE chunks carry a few dozen tokens; ~12 tokens (48 characters) keeps several chunks per answer. */
const CHUNK_CHARS = 48;

type Json = Record<string, unknown>;

/** Waits, but returns early (false) when the client went away. */
function wait(ms: number, res: ServerResponse): Promise<boolean> {
  // Even "instant" yields to the event loop, so chunks leave as separate writes as they do from Google.
  if (ms <= 0) return new Promise((resolve) => setImmediate(() => resolve(!res.destroyed)));
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

export async function handleRest(req: IncomingMessage, res: ServerResponse, state: SimState): Promise<void> {
  // '//v1beta/...' would parse as a protocol-relative URL: collapse slashes before parsing.
  const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://127.0.0.1');
  const path = url.pathname.replace(/\/{2,}/g, '/');
  if (await handleModelRoute(req, res, state, path, url)) return;
  const match = ROUTE.exec(path);
  if (!match || req.method !== 'POST') {
    sendJson(res, 404, googleError(404, `Method not found: ${req.method ?? 'GET'} ${path}`));
    return;
  }
  const model = decodeURIComponent(match[2] ?? '');
  const kind = match[3] as RequestStats['kind'];
  const header = req.headers['x-goog-api-key'];
  const key = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('key');
  const body = await readBody(req, MAX_BODY_BYTES);
  const receivedAt = Date.now();
  state.stats.rest.requestsByModel[model] = (state.stats.rest.requestsByModel[model] ?? 0) + 1;
  const record: RequestStats = {
    responseId: state.id('resp'),
    kind,
    model,
    receivedAt,
    lastByteAt: null,
    serverMs: null,
    cancelled: false,
    status: 200,
    thinkingBudget: null,
    thinkingLevel: null,
    effectiveThinkingLevel: null,
    thoughtsTokens: 0,
    maxOutputTokens: null,
    finishReason: null,
    customVocabulary: null,
    textParts: 0,
    audioParts: 0,
    toneHz: null,
    prompt: '',
  };
  pushCapped(state.stats.rest.requests, record);
  let finished = false;
  res.on('finish', () => {
    finished = true;
    record.lastByteAt = Date.now();
    record.serverMs = record.lastByteAt - receivedAt;
    if (kind === 'streamGenerateContent' && record.status === 200) state.stats.rest.streamsCompleted += 1;
  });
  res.on('close', () => {
    if (finished || record.lastByteAt !== null) return;
    record.cancelled = true;
    record.lastByteAt = Date.now();
    record.serverMs = record.lastByteAt - receivedAt;
    if (kind === 'streamGenerateContent') state.stats.rest.streamsCancelled += 1;
  });
  const fail = (status: number, message?: string, options?: { retryDelaySeconds?: number; reason?: string }): void => {
    record.status = status;
    sendJson(res, status, googleError(status, message, options));
  };

  if (!key) return fail(403, MISSING_KEY_MESSAGE);
  if (!state.config.apiKeys.has(key)) return fail(400, INVALID_KEY_MESSAGE, { reason: 'API_KEY_INVALID' });
  if (body === null) return fail(400, 'Request payload size exceeds the limit.');
  const request: Json | null = parseJsonObject(body);
  if (request === null) return fail(400, 'Invalid JSON payload received.');
  if (/live|native-audio/.test(model) || !/gemini|transcribe/.test(model)) return fail(404, modelNotFoundMessage(model, kind));
  if (!Array.isArray(request.contents) || request.contents.length === 0) return fail(400, '* GenerateContentRequest.contents: contents is not specified');
  if (kind === 'streamGenerateContent' && url.searchParams.get('alt') !== 'sse') {
    // Without alt=sse Google streams a JSON array; the SDK always asks for SSE, so that is all we speak.
    return fail(400, 'The simulator streams only with alt=sse (as the SDK requests).');
  }

  const generation = (typeof request.generationConfig === 'object' && request.generationConfig !== null ? request.generationConfig : {}) as Json;
  const thinking = (typeof generation.thinkingConfig === 'object' && generation.thinkingConfig !== null ? generation.thinkingConfig : {}) as Json;
  record.thinkingBudget = typeof thinking.thinkingBudget === 'number' ? thinking.thinkingBudget : null;
  record.thinkingLevel = typeof thinking.thinkingLevel === 'string' ? thinking.thinkingLevel : null;
  record.maxOutputTokens = typeof generation.maxOutputTokens === 'number' ? generation.maxOutputTokens : null;
  const transcription = (typeof generation.audioTranscriptionConfig === 'object' && generation.audioTranscriptionConfig !== null ? generation.audioTranscriptionConfig : {}) as Json;
  const vocabulary = transcription.customVocabulary;
  if (vocabulary !== undefined && (!Array.isArray(vocabulary) || vocabulary.length > 1000 || vocabulary.some((t) => typeof t !== 'string'))) {
    return fail(400, '* GenerateContentRequest.generation_config.audio_transcription_config.custom_vocabulary: at most 1000 strings');
  }
  record.customVocabulary = Array.isArray(vocabulary) ? (vocabulary as string[]) : null;

  // Google's own validation of thinking settings, a real pitfall when model names change in settings.
  if (record.thinkingBudget !== null && record.thinkingLevel !== null) return fail(400, 'You can only set one of thinking budget and thinking level.');
  if (record.thinkingBudget === 0 && /-pro\b/.test(model)) return fail(400, 'Budget 0 is invalid. This model only works in thinking mode.');
  if (record.thinkingLevel !== null && /^gemini-3/.test(model) && !(/-pro\b/.test(model) ? ['LOW', 'HIGH'] : ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']).includes(record.thinkingLevel)) {
    return fail(400, `Thinking level ${record.thinkingLevel} is not supported for this model.`);
  }

  const delay = state.faults.take(['delay'], model, (f) => f.target !== 'live');
  if (delay && !(await wait(delay.ms, res))) return;
  const error = state.faults.take(['http-error'], model);
  if (error) return fail(error.status, error.message, { retryDelaySeconds: error.retryDelaySeconds });

  const answer = answerFor(state, model, request, record);
  record.finishReason = answer.finishReason;
  // Thinking happens before the first answer token, at the profile's output pace (none in the instant profile).
  if (!(await wait(answer.firstByteMs + answer.thoughtsTokens * msPerToken(state), res))) return;
  if (kind === 'generateContent') {
    if (!(await wait(answer.tokens * msPerToken(state), res))) return;
    sendJson(res, 200, responseJson(answer, answer.text, true, record.responseId, model));
    return;
  }
  await streamAnswer(res, state, answer, record, model);
}

function msPerToken(state: SimState): number {
  const tps = state.tokensPerSecond;
  return Number.isFinite(tps) && tps > 0 ? 1000 / tps : 0;
}

function responseJson(answer: Answer, text: string, last: boolean, responseId: string, model: string): Json {
  const candidate: Json = { index: 0 };
  if (text !== '' || answer.finishReason !== 'SAFETY') candidate.content = { parts: [{ text }], role: 'model' };
  if (last) {
    candidate.finishReason = answer.finishReason;
    if (answer.finishReason === 'SAFETY') {
      candidate.safetyRatings = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }];
    }
  }
  const thoughts = answer.thoughtsTokens > 0 ? { thoughtsTokenCount: answer.thoughtsTokens } : {};
  const usage = last
    ? { promptTokenCount: answer.promptTokens, candidatesTokenCount: answer.tokens, ...thoughts, totalTokenCount: answer.promptTokens + answer.tokens + answer.thoughtsTokens, promptTokensDetails: answer.promptDetails }
    : { promptTokenCount: answer.promptTokens, totalTokenCount: answer.promptTokens, promptTokensDetails: answer.promptDetails };
  return { candidates: [candidate], usageMetadata: usage, modelVersion: model, responseId };
}

async function streamAnswer(res: ServerResponse, state: SimState, answer: Answer, record: RequestStats, model: string): Promise<void> {
  const chunks: string[] = [];
  for (let i = 0; i < answer.text.length; i += CHUNK_CHARS) chunks.push(answer.text.slice(i, i + CHUNK_CHARS));
  if (chunks.length === 0) chunks.push('');
  const cut = state.faults.take(['sse-cut'], model);
  const streamError = state.faults.take(['stream-error-event'], model);
  const cutAt = Math.max(1, Math.floor(chunks.length / 2));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'content-disposition': 'attachment', 'x-content-type-options': 'nosniff' });
  const perToken = msPerToken(state);
  for (let i = 0; i < chunks.length; i++) {
    const text = chunks[i] as string;
    if (i > 0 && !(await wait(Math.ceil(text.length / 4) * perToken, res))) return;
    if (res.destroyed) return;
    if (cut && i === cutAt) {
      // Half an event, then the end: the SDK throws "Incomplete JSON segment at the end".
      const event = `data: ${JSON.stringify(responseJson(answer, text, false, record.responseId, model))}`;
      const half = event.slice(0, Math.floor(event.length / 2));
      // 'socket': the connection dies once what was written has left (a dropped connection mid-answer).
      if (cut.mode === 'socket') res.write(half, () => res.socket?.destroy());
      else res.end(half);
      return;
    }
    if (streamError && i === cutAt) {
      record.status = streamError.status;
      res.end(`data: ${JSON.stringify(googleError(streamError.status))}\r\n\r\n`);
      return;
    }
    const last = i === chunks.length - 1;
    // Google's exact framing: "data: " + JSON + CRLF CRLF, and no [DONE] sentinel.
    res.write(`data: ${JSON.stringify(responseJson(answer, text, last, record.responseId, model))}\r\n\r\n`);
  }
  res.end();
}
