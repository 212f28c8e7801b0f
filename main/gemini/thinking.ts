// The thinking config a Gemini call sends, from the model table; an unknown model sends none and says so once.
import type { ThinkingConfig as SdkThinkingConfig, ThinkingLevel as SdkThinkingLevel } from '@google/genai';
import { leastThinking } from '../config/models.js';
import type { Logger } from '../core/logger.js';

/** Unknown model names warned about, at most this many (a hostile settings file cannot grow the set without bound). */
const MAX_WARNED = 100;

/**
 * `{thinkingLevel: 'MINIMAL'}` for Gemini 3 Flash models, `{thinkingBudget: 0}` for 2.5 Flash, never both (Google
 * answers both with a 400). A name not in the table gets no thinking config, so the request is valid whatever the
 * model is, and a warning (once per model per owner) that it may think at its default level.
 */
export class ThinkingConfigs {
  private readonly warned = new Set<string>();

  constructor(private readonly logger: Logger) {}

  for(model: string): SdkThinkingConfig | undefined {
    const { config, known } = leastThinking(model);
    if (!known && !this.warned.has(model) && this.warned.size < MAX_WARNED) {
      this.warned.add(model);
      this.logger.warn({ model }, 'model not in the capability table (main/config/models.ts): sending no thinking config, so it may think at its default level and answer slower');
    }
    if (!config) return undefined;
    return 'thinkingLevel' in config ? { thinkingLevel: config.thinkingLevel as SdkThinkingLevel } : { thinkingBudget: config.thinkingBudget };
  }
}
