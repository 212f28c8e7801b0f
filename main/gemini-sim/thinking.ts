// How much a simulated model thinks, from its name and the request's thinkingConfig, as Google's models do.
//
// Gemini 3 models take thinkingLevel (Flash and Flash-Lite: MINIMAL..HIGH, default MEDIUM; Pro: LOW or HIGH, default
// HIGH); a missing level, or only a thinkingBudget, means the default level: "thinking off" by budget is not off
// there. Gemini 2.5 takes thinkingBudget (0 is off on Flash; absent or -1 is dynamic). Transcription and Live
// models do not think. Thinking tokens are billed as output and come out of maxOutputTokens.

/** Thinking tokens per level: our assumption (Google publishes none), sized so a MEDIUM answer costs seconds. */
const THOUGHT_TOKENS: Readonly<Record<string, number>> = { NONE: 0, MINIMAL: 0, LOW: 200, MEDIUM: 800, HIGH: 2400 };

export interface Thinking {
  /** The level the model actually thinks at ('NONE' for a model that does not think). */
  level: string;
  tokens: number;
}

export function thinkingOf(model: string, level: string | null, budget: number | null): Thinking {
  const none = { level: 'NONE', tokens: 0 };
  if (/transcribe|live|native-audio/.test(model)) return none;
  if (/^gemini-3/.test(model)) {
    const pro = /-pro\b/.test(model);
    const allowed = pro ? ['LOW', 'HIGH'] : ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'];
    const effective = level !== null && allowed.includes(level) ? level : pro ? 'HIGH' : 'MEDIUM';
    return { level: effective, tokens: THOUGHT_TOKENS[effective] ?? 0 };
  }
  if (/^gemini-2\.5/.test(model)) {
    if (budget === 0) return none;
    const tokens = budget === null || budget < 0 ? THOUGHT_TOKENS.MEDIUM ?? 0 : budget;
    return { level: `BUDGET_${budget ?? 'DYNAMIC'}`, tokens };
  }
  return none;
}
