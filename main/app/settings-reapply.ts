// After settings.update copied the live settings in: rebuilds or re-reads what parts built from them at start.
import type { Settings } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { PerformanceMonitor } from '../monitor/performance-monitor.js';
import type { VocabularyService } from '../vocabulary/vocabulary-service.js';
import type { GeminiServices } from './gemini-services.js';

/** The project folder to scan: only with the user's consent (privacy.projectVocabulary). */
export function chosenProjectDir(settings: Settings): string | undefined {
  return settings.privacy.projectVocabulary && settings.vocabulary.projectDir ? settings.vocabulary.projectDir : undefined;
}

export interface ReapplyDeps {
  gemini: GeminiServices;
  monitor: PerformanceMonitor;
  vocabulary: VocabularyService;
  logger: Logger;
  /** GUI hosts keep the vocabulary fresh; the CLI's one-shot runs do not. */
  refreshes: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function settingsReapplier(deps: ReapplyDeps): (current: Settings, previous: Settings) => Promise<void> {
  const { gemini, monitor, vocabulary, logger } = deps;
  return async (current, previous) => {
    // Endpoints, models, retry, breaker and the session pool: later requests use a bundle built from the new values.
    // Spoken languages are set up with each Live session: new sessions carry the new ones.
    if (!same(current.gemini, previous.gemini) || !same(current.pool, previous.pool) || !same(current.language.spoken, previous.language.spoken)) gemini.reconfigure();
    if (current.monitor.dashboardIntervalMs !== previous.monitor.dashboardIntervalMs || current.monitor.reportIntervalMs !== previous.monitor.reportIntervalMs) monitor.reschedule();
    vocabulary.setMaxTerms(current.vocabulary.maxTerms);
    const projectBefore = chosenProjectDir(previous);
    const projectNow = chosenProjectDir(current);
    vocabulary.setProjectDir(projectNow);
    const clipboardWithdrawn = previous.privacy.clipboardContext && !current.privacy.clipboardContext;
    // Clipboard context withdrawn: its names leave the Live sessions at once (a project folder narrows by itself).
    if (clipboardWithdrawn) vocabulary.narrow();
    const withdrawn = (projectBefore !== undefined && projectBefore !== projectNow) || clipboardWithdrawn;
    if (!deps.refreshes || same([current.vocabulary, current.privacy], [previous.vocabulary, previous.privacy])) return;
    // Awaited: when settings.update answers, no session set up with withdrawn terms is handed out any more.
    await vocabulary.refresh(AbortSignal.timeout(10_000)).catch((error: unknown) => {
      logger.warn({ err: error }, 'vocabulary refresh after a settings change failed');
      // Privacy first: with no new terms yet, sessions get none rather than keep the withdrawn ones.
      if (withdrawn) gemini.setVocabulary([], { replaceNow: true });
    });
  };
}
