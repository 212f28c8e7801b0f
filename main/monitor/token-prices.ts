// Estimated Gemini prices per million tokens, used for the cost shown on the dashboard and in reports.
//
// These are estimates, not a bill: the figures follow Google's published paid-tier prices for the
// Flash family at the time of writing (Gemini 2.5 Flash: $0.30 input / $2.50 output per 1M tokens;
// Flash-Lite: $0.10 / $0.40) and are applied to the model names of our settings, whose prices are
// not published here. Edit this table when the price list changes; a model not in the table is
// priced at FALLBACK_PRICE so that the estimate errs high rather than showing zero.

export interface TokenPrice {
  /** USD per 1,000,000 input (prompt) tokens. */
  inputPerMillion: number;
  /** USD per 1,000,000 output tokens. */
  outputPerMillion: number;
}

export type PriceTable = Readonly<Record<string, TokenPrice>>;

export const FALLBACK_PRICE: TokenPrice = { inputPerMillion: 0.3, outputPerMillion: 2.5 };

export const DEFAULT_TOKEN_PRICES: PriceTable = {
  'gemini-3.5-flash': { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  'gemini-3.5-flash-lite': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  // Transcription bills audio input; Flash's audio input price is $1.00 per 1M tokens.
  'gemini-3.5-transcribe-live': { inputPerMillion: 1.0, outputPerMillion: 2.5 },
  'gemini-3.5-transcribe': { inputPerMillion: 1.0, outputPerMillion: 2.5 },
};

export function priceOf(table: PriceTable, model: string): TokenPrice {
  return table[model] ?? FALLBACK_PRICE;
}

export function estimateCostUsd(price: TokenPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
}
