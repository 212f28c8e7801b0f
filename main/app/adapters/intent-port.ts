// The pipeline's IntentPort over the local recogniser, the identifier normaliser and an optional model assist.
import { recogniseIntent, type IntentAssist } from '../../intent/recogniser.js';
import { normaliseIdentifiers } from '../../intent/identifier.js';
import { namingConvention } from '../../intent/languages.js';
import { normaliseTranscript } from '../../intent/normalise.js';
import { isIntentName } from '../../intent/types.js';
import type { IntentOutcome, IntentPort } from '../../pipeline/ports.js';

export class IntentPortAdapter implements IntentPort {
  constructor(
    private readonly options: {
      /** settings.intent.assistBelowConfidence, read live so a settings change applies at once. */
      assistBelowConfidence: () => number;
      assist?: IntentAssist;
    },
  ) {}

  recognise(text: string, options: { defaultLanguage: string; clipboardCode?: string; knownIdentifiers?: readonly string[] }): IntentOutcome {
    return recogniseIntent(text, options);
  }

  /** Below the threshold, asks the model; the pipeline bounds this with the intent timeout (which aborts it). */
  async refine(local: IntentOutcome, text: string, signal: AbortSignal): Promise<IntentOutcome> {
    if (local.confidence >= this.options.assistBelowConfidence()) return local;
    const assist = this.options.assist;
    if (!assist) return { ...local, intent: 'generic', source: 'fallback' };
    const answer = await assist(text, signal);
    if (!isIntentName(answer)) return { ...local, intent: 'generic', source: 'fallback' };
    return { ...local, intent: answer, confidence: Math.max(local.confidence, this.options.assistBelowConfidence()), source: 'assist' };
  }

  normaliseIdentifiers(text: string, known: readonly string[], language?: string): string {
    return normaliseIdentifiers(text, known, language === undefined ? undefined : namingConvention(language));
  }

  normaliseForKey(text: string): string {
    return normaliseTranscript(text);
  }
}
