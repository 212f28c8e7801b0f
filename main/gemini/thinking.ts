// The thinking config a Gemini call sends, from the model table; an unknown model sends none and says so once.
import type { ThinkingConfig as SdkThinkingConfig, ThinkingLevel as SdkThinkingLevel } from '@google/genai';
import { leastThinking } from '../config/models.js';
import type { Logger } from '../core/logger.js';

const warned = new Set<string>();

/**
 * `{thinkingLevel: 'MINIMAL'}` for Gemini 3 Flash models, `{thinkingBudget: 0}` for 2.5 Flash, never both (Google
 * answers both with a 400). A name not in the table gets no thinking config, so the request is valid whatever the
 * model is, and a warning (once per model per process) that it may think at its default level.
 */
export function thinkingConfigFor(model: string, logger: Logger): SdkThinkingConfig | undefined {
  const { config, known } = leastThinking(model);
  if (!known && !warned.has(model)) {
    if (warned.size < 100) warned.add(model);
    logger.warn({ model }, 'model not in the capability table (main/config/models.ts): sending no thinking config, so it may think at its default level and answer slower');
  }
  if (!config) return undefined;
  return 'thinkingLevel' in config ? { thinkingLevel: config.thinkingLevel as SdkThinkingLevel } : { thinkingBudget: config.thinkingBudget };
}
