// Estimated Gemini prices per million tokens by token kind, from the model table (main/config/models.ts).
//
// These are estimates, not a bill (models.ts says where the figures come from). A model not in the table is priced
// at FALLBACK_PRICE, Flash's, so that the estimate errs high rather than showing zero.
import { MODEL_TABLE, type ModelPrice } from '../config/models.js';

export type TokenPrice = ModelPrice;

export type PriceTable = Readonly<Record<string, TokenPrice>>;

export const FALLBACK_PRICE: TokenPrice = { inputPerMillion: 0.3, audioInputPerMillion: 1.0, outputPerMillion: 2.5 };

export const DEFAULT_TOKEN_PRICES: PriceTable = Object.fromEntries(Object.entries(MODEL_TABLE).map(([name, model]) => [name, model.price]));

export function priceOf(table: PriceTable, model: string): TokenPrice {
  return table[model.replace(/^models\//, '')] ?? FALLBACK_PRICE;
}

/**
 * `input` is every prompt token, `audioInput` the part of it that was audio (billed at the audio price); `output`
 * includes thinking tokens, which Google bills as output.
 */
export function estimateCostUsd(price: TokenPrice, input: number, output: number, audioInput = 0): number {
  const audio = Math.min(Math.max(0, audioInput), input);
  return ((input - audio) * price.inputPerMillion + audio * price.audioInputPerMillion + output * price.outputPerMillion) / 1_000_000;
}
