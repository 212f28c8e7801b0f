// Google-shaped models.get (GET /v1beta/models/{model}) and countTokens (POST .../models/{model}:countTokens), with Google's errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from './http-io.js';
import { googleError, INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE } from './google-errors.js';
import type { SimState } from './state.js';

const GET_ROUTE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+)$/;
const COUNT_ROUTE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):countTokens$/;
const MAX_COUNT_BODY_BYTES = 4 * 1024 * 1024;

type Json = Record<string, unknown>;

/** The models the simulator answers for: the Gemini families (generation, transcription, Live). */
function knownModel(model: string): boolean {
  return /^gemini-[\w.-]+$/.test(model);
}

function notFound(model: string): ReturnType<typeof googleError> {
  return googleError(404, `models/${model} is not found for API version v1beta, or is not supported for get. Call ListModels to see the list of available models and their supported methods.`);
}

/** Google's Model resource, as models.get returns it. */
export function modelResource(model: string): Json {
  const live = /live/.test(model);
  const transcribe = /transcribe/.test(model);
  const lite = /lite/.test(model);
  return {
    name: `models/${model}`,
    version: '001',
    displayName: model.replace(/^gemini-/, 'Gemini ').replace(/-/g, ' '),
    description: 'Simulated model (main/gemini-sim): protocol-faithful, not Google.',
    inputTokenLimit: transcribe ? 131_072 : 1_048_576,
    outputTokenLimit: lite ? 32_768 : 65_536,
    supportedGenerationMethods: live ? ['bidiGenerateContent'] : ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: !transcribe && !live,
  };
}

function textTokens(request: Json): number {
  let chars = 0;
  const contents = Array.isArray(request.contents) ? request.contents : [];
  for (const content of contents) {
    const parts = typeof content === 'object' && content !== null && Array.isArray((content as Json).parts) ? ((content as Json).parts as unknown[]) : [];
    for (const part of parts) if (typeof part === 'object' && part !== null && typeof (part as Json).text === 'string') chars += ((part as Json).text as string).length;
  }
  return Math.ceil(chars / 4);
}

/** Answers models.get and countTokens; false when the path is neither (the caller's routes then apply). */
export async function handleModelRoute(req: IncomingMessage, res: ServerResponse, state: SimState, path: string, url: URL): Promise<boolean> {
  const get = req.method === 'GET' ? GET_ROUTE.exec(path) : null;
  const count = req.method === 'POST' ? COUNT_ROUTE.exec(path) : null;
  const match = get ?? count;
  if (!match) return false;
  const model = decodeURIComponent(match[2] ?? '');
  const header = req.headers['x-goog-api-key'];
  const key = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('key');
  const body = count ? await readBody(req, MAX_COUNT_BODY_BYTES) : null;
  if (!key) return sendJson(res, 403, googleError(403, MISSING_KEY_MESSAGE)), true;
  if (!state.config.apiKeys.has(key)) return sendJson(res, 400, googleError(400, INVALID_KEY_MESSAGE, { reason: 'API_KEY_INVALID' })), true;
  if (!knownModel(model)) return sendJson(res, 404, notFound(model)), true;
  if (get) return sendJson(res, 200, modelResource(model)), true;
  if (body === null) return sendJson(res, 400, googleError(400, 'Request payload size exceeds the limit.')), true;
  const request: Json | null = parseJsonObject(body);
  if (request === null) return sendJson(res, 400, googleError(400, 'Invalid JSON payload received.')), true;
  const tokens = textTokens(request);
  sendJson(res, 200, { totalTokens: tokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: tokens }] });
  return true;
}
