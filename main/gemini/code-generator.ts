// Streams generated code from Gemini: least thinking the model takes, abortable, retried only before the first chunk.
import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { LinkedAbortController, throwIfAborted } from '../core/abort.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { ThinkingConfigs } from './thinking.js';
import { createGeminiClient } from './client.js';
import { mapGeminiError } from './errors.js';
import { withRetry, type RetrySettings } from './retry.js';
import type { FinishReason, GeminiEndpoint, GenerateRequest, GenerationChunk, GenerationUsage } from './types.js';

export interface CodeGeneratorOptions {
  endpoint: GeminiEndpoint;
  temperature: number;
  maxOutputTokens: number;
  retry: RetrySettings;
  client?: GoogleGenAI;
  random?: () => number;
  logger?: Logger;
}

const FINISH_REASONS: ReadonlySet<string> = new Set(['STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'OTHER']);

function finishReasonOf(value: string | undefined): FinishReason | undefined {
  if (value === undefined) return undefined;
  return FINISH_REASONS.has(value) ? (value as FinishReason) : 'OTHER';
}

export class CodeGenerator {
  private readonly ai: GoogleGenAI;
  private readonly thinking: ThinkingConfigs;

  constructor(private readonly options: CodeGeneratorOptions) {
    this.ai = options.client ?? createGeminiClient(options.endpoint);
    this.thinking = new ThinkingConfigs(options.logger ?? silentLogger);
  }

  /**
   * Yields text chunks, then one done chunk. A done chunk whose finishReason is not STOP
   * (MAX_TOKENS, SAFETY, RECITATION...) means the answer is truncated or withheld: callers must
   * not present or copy it as complete. Leaving the loop early aborts the HTTP stream.
   */
  async *generate(request: GenerateRequest): AsyncGenerator<GenerationChunk, void, undefined> {
    throwIfAborted(request.signal);
    const link = new LinkedAbortController(request.signal);
    const model = this.options.endpoint.models.codegen;
    // Thinking adds seconds before the first token; code answers do not need it (models.ts has each model's form).
    const thinkingConfig = this.thinking.for(model);
    try {
      // Retry covers opening the stream and waiting for its first chunk: after a chunk was yielded,
      // a retry would repeat text the caller has already shown.
      const { first, rest } = await withRetry(
        async () => {
          const stream = await this.ai.models.generateContentStream({
            model,
            contents: [{ role: 'user', parts: [{ text: request.prompt }] }],
            config: {
              systemInstruction: request.systemInstruction,
              temperature: this.options.temperature,
              maxOutputTokens: Math.max(this.options.maxOutputTokens, request.maxOutputTokens ?? 0),
              ...(thinkingConfig ? { thinkingConfig } : {}),
              abortSignal: link.signal,
            },
          });
          const next = await stream.next();
          return { first: next.done ? undefined : next.value, rest: stream };
        },
        {
          ...this.options.retry,
          signal: link.signal,
          random: this.options.random,
          // Said before the wait starts, so the UI can count down instead of claiming to write code.
          onRetry: ({ delayMs, error }) => request.onWaiting?.({ until: Date.now() + delayMs, delayMs, error }),
        },
      );

      let finishReason: FinishReason | undefined;
      let usage: GenerationUsage | undefined;
      let responseId: string | undefined;
      const take = (chunk: GenerateContentResponse): string => {
        const candidate = chunk.candidates?.[0];
        finishReason = finishReasonOf(candidate?.finishReason) ?? finishReason;
        responseId = chunk.responseId ?? responseId;
        const meta = chunk.usageMetadata;
        if (meta) {
          usage = {
            promptTokens: meta.promptTokenCount ?? 0,
            outputTokens: meta.candidatesTokenCount ?? 0,
            thoughtsTokens: meta.thoughtsTokenCount ?? 0,
            totalTokens: meta.totalTokenCount ?? 0,
            model: chunk.modelVersion ?? model,
          };
        }
        return (candidate?.content?.parts ?? []).flatMap((p) => (typeof p.text === 'string' && p.thought !== true ? [p.text] : [])).join('');
      };
      if (first) {
        const text = take(first);
        if (text !== '') yield { type: 'text', text };
      }
      try {
        for await (const chunk of rest) {
          const text = take(chunk);
          if (text !== '') yield { type: 'text', text };
        }
      } catch (error) {
        throw mapGeminiError(error);
      }
      // A stream that ended without a finishReason was cut short somewhere we could not see.
      yield { type: 'done', finishReason: finishReason ?? 'UNKNOWN', usage, ...(responseId === undefined ? {} : { responseId }) };
    } finally {
      // Also runs when the consumer stops early (return()): the HTTP stream is then cancelled.
      link.abort();
      link.dispose();
    }
  }
}
