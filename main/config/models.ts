// The Gemini model capability table: family, thinking form and levels, Live or REST, and estimated price per token kind.
//
// Facts from gemini-protocol.md (Google's model pages): Gemini 3 models take thinkingConfig.thinkingLevel, which
// replaces thinkingBudget (Flash and Flash-Lite: MINIMAL, LOW, MEDIUM, HIGH, default MEDIUM; Pro: LOW, HIGH, thinking
// cannot be turned off); Gemini 2.5 models take thinkingBudget (0 turns thinking off on Flash and Flash-Lite); both
// fields in one request is a 400. Transcription models take no thinking config at all.
//
// Prices are ESTIMATES in USD per 1,000,000 tokens, not a bill: Gemini 2.5 Flash's published paid-tier prices
// ($0.30 text input, $1.00 audio input, $2.50 output; Flash-Lite $0.10 / $0.30 / $0.40) applied to the newer names,
// whose prices are not published here. Thinking tokens are billed as output. Edit this table when the list changes.

export type ThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';

/** How a model is told how much to think. */
export type ThinkingForm =
  | { form: 'level'; levels: readonly ThinkingLevel[]; defaultLevel: ThinkingLevel; /** the cheapest level it accepts */ least: ThinkingLevel }
  | { form: 'budget'; /** the budget that turns thinking off, or the smallest allowed where it cannot be */ least: number }
  | { form: 'none' };

export interface ModelPrice {
  /** USD per 1M text (and image) input tokens. */
  inputPerMillion: number;
  /** USD per 1M audio input tokens. */
  audioInputPerMillion: number;
  /** USD per 1M output tokens, thinking tokens included. */
  outputPerMillion: number;
}

export interface ModelCapability {
  family: 'gemini-3' | 'gemini-2.5';
  tier: 'flash' | 'flash-lite' | 'pro' | 'transcribe' | 'live';
  api: 'rest' | 'live';
  thinking: ThinkingForm;
  price: ModelPrice;
  /** Set when Google forwards the name to another model. */
  forwardedTo?: string;
}

const FLASH_LEVELS: readonly ThinkingLevel[] = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'];
const G3_FLASH: ThinkingForm = { form: 'level', levels: FLASH_LEVELS, defaultLevel: 'MEDIUM', least: 'MINIMAL' };
const G3_PRO: ThinkingForm = { form: 'level', levels: ['LOW', 'HIGH'], defaultLevel: 'HIGH', least: 'LOW' };
const FLASH_PRICE: ModelPrice = { inputPerMillion: 0.3, audioInputPerMillion: 1.0, outputPerMillion: 2.5 };
const LITE_PRICE: ModelPrice = { inputPerMillion: 0.1, audioInputPerMillion: 0.3, outputPerMillion: 0.4 };
const PRO_PRICE: ModelPrice = { inputPerMillion: 1.25, audioInputPerMillion: 1.25, outputPerMillion: 10 };
// Transcription bills audio input at Flash's audio price; its output is the transcript text.
const TRANSCRIBE_PRICE: ModelPrice = { inputPerMillion: 0.3, audioInputPerMillion: 1.0, outputPerMillion: 2.5 };

export const MODEL_TABLE: Readonly<Record<string, ModelCapability>> = {
  'gemini-3.8-flash': { family: 'gemini-3', tier: 'flash', api: 'rest', thinking: G3_FLASH, price: FLASH_PRICE },
  'gemini-3.6-flash': { family: 'gemini-3', tier: 'flash', api: 'rest', thinking: G3_FLASH, price: FLASH_PRICE },
  'gemini-3.5-flash': { family: 'gemini-3', tier: 'flash', api: 'rest', thinking: G3_FLASH, price: FLASH_PRICE, forwardedTo: 'gemini-3.6-flash' },
  'gemini-3.5-flash-lite': { family: 'gemini-3', tier: 'flash-lite', api: 'rest', thinking: G3_FLASH, price: LITE_PRICE },
  'gemini-3.5-pro': { family: 'gemini-3', tier: 'pro', api: 'rest', thinking: G3_PRO, price: PRO_PRICE },
  'gemini-2.5-flash': { family: 'gemini-2.5', tier: 'flash', api: 'rest', thinking: { form: 'budget', least: 0 }, price: FLASH_PRICE },
  'gemini-2.5-flash-lite': { family: 'gemini-2.5', tier: 'flash-lite', api: 'rest', thinking: { form: 'budget', least: 0 }, price: LITE_PRICE },
  // 2.5 Pro cannot turn thinking off: 128 is its smallest budget.
  'gemini-2.5-pro': { family: 'gemini-2.5', tier: 'pro', api: 'rest', thinking: { form: 'budget', least: 128 }, price: PRO_PRICE },
  'gemini-3.5-transcribe-live': { family: 'gemini-3', tier: 'transcribe', api: 'live', thinking: { form: 'none' }, price: TRANSCRIBE_PRICE },
  'gemini-3.5-transcribe': { family: 'gemini-3', tier: 'transcribe', api: 'rest', thinking: { form: 'none' }, price: TRANSCRIBE_PRICE },
};

/** Where the settings' defaults point (schema.ts uses these, so a name is written in one place). */
export const DEFAULT_MODELS = {
  live: 'gemini-3.5-transcribe-live',
  batchTranscribe: 'gemini-3.5-transcribe',
  codegen: 'gemini-3.8-flash',
  intentAssist: 'gemini-3.5-flash-lite',
} as const;

/** Deprecated names stored settings may still hold, and what they become at load. */
export const MIGRATED_MODELS: Readonly<Record<string, string>> = { 'gemini-3.5-flash': DEFAULT_MODELS.codegen };

/** The table entry of a model name ("models/" prefix and a "-preview" or dated suffix tolerated), or undefined. */
export function capabilityOf(model: string): ModelCapability | undefined {
  const name = model.replace(/^models\//, '');
  return MODEL_TABLE[name] ?? MODEL_TABLE[name.replace(/-preview(-[\w-]+)?$|-\d{2}-\d{4}$/, '')];
}

/** What goes in `config.thinkingConfig`: the model's own form at its least thinking, never both fields. */
export type ThinkingConfig = { thinkingLevel: ThinkingLevel } | { thinkingBudget: number };

/**
 * The least-thinking config the model takes: `{thinkingLevel: 'MINIMAL'}` on Gemini 3 Flash and Flash-Lite,
 * `{thinkingBudget: 0}` on 2.5 Flash. `known: false` for a name not in the table: the caller then sends no thinking
 * config (the model's own default) and logs it, rather than guess a field that would be a 400.
 */
export function leastThinking(model: string): { config: ThinkingConfig | undefined; known: boolean } {
  const capability = capabilityOf(model);
  if (!capability) return { config: undefined, known: false };
  const thinking = capability.thinking;
  if (thinking.form === 'level') return { config: { thinkingLevel: thinking.least }, known: true };
  if (thinking.form === 'budget') return { config: { thinkingBudget: thinking.least }, known: true };
  return { config: undefined, known: true };
}
