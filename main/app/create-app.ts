// The composition root: createApp(options) builds every part, passes them down, and closes them in reverse order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, parseSettings, teamSecretFromEnv } from '../config/load.js';
import type { Settings } from '../config/schema.js';
import { systemClock } from '../core/clock.js';
import { AppError, toAppError } from '../core/errors.js';
import { Database, type CorruptionReport } from '../store/database.js';
import { HistoryStore } from '../store/history.js';
import { SettingsStore } from '../store/settings.js';
import { ReportStore } from '../store/reports.js';
import { CacheWorkerPool } from '../cache/cache-worker-pool.js';
import { createTieredCache } from '../cache/create-cache.js';
import { PruneScheduler } from '../cache/prune-scheduler.js';
import { PerformanceMonitor } from '../monitor/performance-monitor.js';
import { MemoryMonitor, collectGarbageIfExposed } from '../monitor/memory-monitor.js';
import { SystemMemoryReader } from '../monitor/memory-reader.js';
import { SESSION_POOL } from '../monitor/recommendations.js';
import { AudioWorkerPool } from '../audio/audio-worker-pool.js';
import { QualityWorkerPool } from '../quality/quality-worker-pool.js';
import { UtteranceBuffer } from '../audio/utterance-buffer.js';
import { VoicePipeline } from '../pipeline/voice-pipeline.js';
import { ContextLoader } from '../pipeline/context-loader.js';
import type { CachedValue } from '../pipeline/ports.js';
import { redactSecrets } from '../pipeline/redact.js';
import { PROMPT_VERSION } from '../pipeline/prompts.js';
import { ApiRouter } from './api-router.js';
import { AppEvents } from './app-events.js';
import { HistoryPortAdapter } from './adapters/history-port.js';
import { CachePortAdapter, isCachedValue } from './adapters/cache-port.js';
import { MonitorPortAdapter } from './adapters/monitor-port.js';
import { IntentPortAdapter } from './adapters/intent-port.js';
import { promptPort } from './adapters/prompt-port.js';
import { streamLikeTheApp, warmHttpClient, warmSdkSourceMap } from '../gemini/transport-warm-up.js';
import { createGeminiServices, secretName, type GeminiServices } from './gemini-services.js';
import { storableSettings } from './settings-view.js';
import { SharedCacheControl, loadTeamSecret } from './shared-cache.js';
import { chosenProjectDir, settingsReapplier } from './settings-reapply.js';
import { RequestRegistry } from './request-registry.js';
import { ensureDataDir } from './paths.js';
import { VocabularyService } from '../vocabulary/vocabulary-service.js';
import { VocabularyWorkerPool } from '../vocabulary/vocabulary-worker-pool.js';
import { PersonalStore } from '../store/personal-store.js';
import { PersonalService } from '../personal/personal-service.js';
import { rankAsCounts } from '../personal/dictionary-rank.js';
import { createHandlers, type ResultActionHandler } from './api-handlers.js';
import { AppRequests } from './app-requests.js';
import type { App, CreateAppOptions } from './app-types.js';
import type { CacheKey } from '../cache/keys.js';

export type { App, CreateAppOptions } from './app-types.js';

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Resources in creation order; close() runs them backwards. */
class Closers {
  private readonly list: Array<{ name: string; close: () => unknown }> = [];
  add(name: string, close: () => unknown): void {
    this.list.push({ name, close });
  }
  async closeAll(onError: (name: string, error: unknown) => void): Promise<void> {
    for (const { name, close } of this.list.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        onError(name, error);
      }
    }
  }
}

export async function createApp(options: CreateAppOptions): Promise<App> {
  const { logger } = options;
  const clock = systemClock;
  const closers = new Closers();
  const events = new AppEvents();
  try {
    ensureDataDir(options.dataDir);
    let corruption: CorruptionReport | undefined;
    const dbFile = join(options.dataDir, 'voice-codegen.db');
    const db = Database.open({
      file: dbFile,
      logger,
      ...(options.platform?.nativeBinding ? { nativeBinding: options.platform.nativeBinding } : {}),
      onCorrupt: (report) => {
        corruption = report;
        logger.error({ ...report }, 'database was damaged; moved aside and started fresh');
      },
    });
    closers.add('database', () => db.close());

    // Stored settings first, then the environment on top (GEMINI_API_KEY, REDIS_URL, ...).
    const settingsStore = new SettingsStore(db);
    const stored = settingsStore.load();
    for (const warning of stored.warnings) logger.warn({ warning }, 'stored settings repaired');
    const base = options.storedSettings !== undefined ? parseSettings(options.storedSettings) : stored.settings;
    const envNotes: string[] = [];
    const settings: Settings = options.settings ?? loadConfig(base, options.env ?? {}, envNotes);
    for (const note of envNotes) logger.warn({ note }, 'environment key withheld');
    const storedSettings = { current: options.settings ? storableSettings(options.settings) : base };

    const history = new HistoryStore(db);
    // Only a window host owns the history: a CLI run beside it must not mark the window's running requests.
    if (options.host !== 'cli') {
      const interrupted = await history.markInterrupted();
      if (interrupted > 0) logger.warn({ interrupted }, 'history rows left pending by an earlier run marked interrupted');
    }
    const reports = new ReportStore(db, { logger });
    closers.add('reports', () => reports.flush());

    const audio = new AudioWorkerPool({ filename: join(options.workersDir, 'audio.js') });
    closers.add('audio workers', () => audio.close());
    const cacheWorkers = new CacheWorkerPool({ workerFile: join(options.workersDir, 'cache.js'), databaseFile: dbFile, ...(options.platform?.nativeBinding ? { nativeBinding: options.platform.nativeBinding } : {}) });
    closers.add('cache workers', () => cacheWorkers.close());
    // WAL checkpoints (copy and fsync) on the cache worker's connection, not inside a request on this thread.
    db.useCheckpointer(() => cacheWorkers.checkpoint());
    // The syntax check's worker: its default language's grammar loads now, others when first asked for (then stay warm).
    const quality = new QualityWorkerPool({ workerFile: join(options.workersDir, 'quality.js') });
    closers.add('quality workers', () => quality.close());
    const warmGrammars = (languages: readonly string[], parse = false): void => {
      if (settings.quality.check) quality.warm(languages, { parse }).catch((error: unknown) => logger.warn({ err: error }, 'grammar load failed'));
    };
    warmGrammars([settings.language.default]);
    // The shared Redis tier needs the team secret (environment, else keychain): without it REDIS_URL alone turns nothing on.
    const teamSecret = await loadTeamSecret(teamSecretFromEnv(options.env ?? {}), options.platform?.secretStore, logger);
    const cache = createTieredCache<CachedValue>(settings.cache, { db, codec: cacheWorkers, logger, validate: isCachedValue, ...(teamSecret.secret ? { teamSecret: teamSecret.secret } : {}) });
    closers.add('cache', () => cache.close());
    const sharedCache = new SharedCacheControl({ settings: settings.cache, cache, initial: teamSecret, logger, ...(options.platform?.secretStore ? { secretStore: options.platform.secretStore } : {}) });
    if (settings.cache.enabled && options.host !== 'cli') {
      const prune = new PruneScheduler((now, signal) => cacheWorkers.prune(now, signal), settings.cache.l3.pruneIntervalMs, clock, logger);
      closers.add('cache prune', () => prune.close());
    }

    const monitor = new PerformanceMonitor({ settings: settings.monitor, budgets: settings.budgets, reportStore: reports, logger });
    // Saved at shutdown so up to an hour of data is not lost; it runs before the store closes (reverse order).
    closers.add('monitor', () => {
      if (options.host !== 'cli') monitor.saveReport();
      monitor.close();
    });
    const memory = new MemoryMonitor({ settings: settings.monitor.memory, reader: options.memoryReader ?? new SystemMemoryReader(), logger });
    closers.add('memory monitor', () => memory.close());
    monitor.prometheus.setCacheRejectedSource(() => {
      const tiers = cache.metrics().tiers;
      return { l2: tiers.l2?.rejected, l3: tiers.l3?.rejected };
    });

    // Keys saved with the platform's encrypted store fill instances the environment did not set.
    const secretStore = options.platform?.secretStore;
    if (secretStore?.isEncryptionAvailable()) {
      for (const instance of settings.gemini.instances.length > 0 ? settings.gemini.instances : [{ name: 'default', weight: 1 }]) {
        if ('apiKey' in instance && instance.apiKey) continue;
        const saved = await secretStore.load(secretName(instance.name, 'baseUrl' in instance ? instance.baseUrl : undefined));
        if (!saved) continue;
        const existing = settings.gemini.instances.find((i) => i.name === instance.name);
        if (existing) existing.apiKey = saved;
        else settings.gemini.instances.push({ name: instance.name, apiKey: saved, weight: 1 });
      }
    }
    const gemini: GeminiServices = createGeminiServices(settings, {
      logger,
      prewarm: options.prewarm ?? options.host !== 'cli',
      ...(secretStore ? { secretStore } : {}),
      keyFromEnv: options.env?.GEMINI_API_KEY !== undefined && settings.gemini.instances[0]?.apiKey === options.env.GEMINI_API_KEY,
      ...(options.liveConnectionLimitMs ? { connectionLimitMs: options.liveConnectionLimitMs } : {}),
      // Transcription and intent-assist tokens count toward cost and the daily cap as they arrive.
      onTokens: (usage) => monitor.recordTokens(usage),
    });
    closers.add('gemini', () => gemini.close());

    // Memory pressure: warning sheds what is cheap to rebuild; critical empties every memory cache and spare resource.
    memory.registerAction('warning', 'drop the query cache', () => db.dropQueryCache());
    memory.registerAction('warning', 'shrink the memory cache', () => cache.shrinkMemory(0.5));
    memory.registerAction('warning', 'close spare Live sessions', () => gemini.trimSpare());
    memory.registerAction('warning', 'suggest garbage collection', () => collectGarbageIfExposed());
    memory.registerAction('critical', 'clear the memory cache', () => cache.shrinkMemory(0));
    memory.registerAction('critical', 'drop the query cache', () => db.dropQueryCache());
    memory.registerAction('critical', 'close spare Live sessions', () => gemini.trimSpare());
    memory.registerAction('critical', 'garbage collection', () => collectGarbageIfExposed());
    memory.on('level', (state) => events.emit('memory.state', { level: state.level, usage: state.usage, message: state.message }));
    monitor.on('alert', (alert) => events.emit('alert', { severity: alert.severity, message: alert.message, at: alert.at }));
    monitor.on('dashboard', (snapshot) => events.emit('dashboard.update', snapshot as unknown as Record<string, unknown>));

    // Identifiers the user is likely to say, sent as the Live sessions' custom vocabulary (spares are replaced in the background).
    // The personal dictionary (spoken forms, ranked terms for the vocabulary) and snippets; the CLI may change them too.
    const personalRefresh: { current: () => void } = { current: () => undefined };
    const personal = new PersonalService({
      store: new PersonalStore(db), clock, logger,
      onChange: () => personalRefresh.current(),
      ...(options.platform?.clipboard ? { readClipboard: (s: AbortSignal) => (options.platform?.clipboard as NonNullable<typeof options.platform.clipboard>).readText(s) } : {}),
    });
    closers.add('personal', () => personal.flush());
    const vocabWorkers = new VocabularyWorkerPool({ workerFile: join(options.workersDir, 'vocabulary.js'), logger });
    closers.add('vocabulary workers', () => vocabWorkers.close());
    const clipboard = options.platform?.clipboard;
    const vocabulary = new VocabularyService({
      scanProject: vocabWorkers.scanProject,
      ...(clipboard ? { readClipboard: (s: AbortSignal) => (settings.privacy.clipboardContext ? clipboard.readText(s) : Promise.resolve('')) } : {}),
      recentHistory: () => history.recentTexts(10).map((e) => ({ ...(e.status === 'pending' ? {} : { id: e.id }), transcript: e.transcript, code: e.code ?? '' })),
      onChange: (terms, change) => gemini.setVocabulary(terms, change),
      dictionaryCounts: (max) => rankAsCounts(personal.topTerms(max)),
      maxTerms: settings.vocabulary.maxTerms,
      ...(chosenProjectDir(settings) ? { projectDir: chosenProjectDir(settings) } : {}),
      logger,
      clock,
    });
    closers.add('vocabulary', () => vocabulary.close());
    const refreshVocabulary = (): void => {
      vocabulary.refresh(new AbortController().signal).catch((error: unknown) => logger.warn({ err: error }, 'vocabulary refresh failed'));
    };
    if (options.host !== 'cli') refreshVocabulary();
    if (options.host !== 'cli') personalRefresh.current = refreshVocabulary;
    // The CLI keeps no vocabulary fresh; a recording it transcribes still carries the dictionary's best terms.
    const cliVocabulary = async (signal?: AbortSignal): Promise<void> => {
      if (options.host === 'cli') await vocabulary.refresh(signal).catch((error: unknown) => logger.warn({ err: error }, 'vocabulary refresh failed'));
    };

    const historyPort = new HistoryPortAdapter(history);
    const context = new ContextLoader({
      clipboard: options.platform?.clipboard ?? null,
      clipboardEnabled: () => settings.privacy.clipboardContext,
      history: historyPort,
      redact: (text) => redactSecrets(text).text,
      identifiers: () => gemini.vocabulary(),
    });
    const cachePort = settings.cache.enabled
      ? new CachePortAdapter(cache, () => `${settings.gemini.models.codegen}|${settings.gemini.temperature}|${settings.gemini.maxOutputTokens}|p${PROMPT_VERSION}`)
      : null;
    if (cachePort) closers.add('cache writes', () => cachePort.drain());
    const pipeline = new VoicePipeline<CacheKey>({
      intent: new IntentPortAdapter({ assistBelowConfidence: () => settings.intent.assistBelowConfidence, assist: gemini.intentAssist }),
      prompts: promptPort,
      cache: cachePort,
      history: historyPort,
      generator: gemini.generator,
      context,
      monitor: new MonitorPortAdapter(monitor, () => settings.gemini.models.codegen),
      admission: memory,
      clock,
      logger,
      redact: (text) => redactSecrets(text).text,
      check: { check: (code, language, hint, signal) => quality.check(code, language, hint, signal), warm: (languages) => warmGrammars(languages, true) },
      personal,
      settings: {
        get defaultLanguage() {
          return settings.language.default;
        },
        get intentTimeoutMs() {
          return settings.intent.timeoutMs;
        },
        get speculation() {
          return settings.speculation;
        },
        get quality() {
          return settings.quality;
        },
        get resultTtlMs() {
          return settings.cache.resultTtlMs;
        },
        cacheEnabled: settings.cache.enabled,
        budgets: settings.budgets,
      },
    });

    if (options.host !== 'cli') {
      // A desktop or web app waits for its user: the first request's local first-use costs are paid now instead.
      try {
        pipeline.warmUp();
        warmSdkSourceMap();
      } catch (error) {
        logger.warn({ err: error }, 'pipeline warm-up failed');
      }
      warmHttpClient({ stream: streamLikeTheApp(settings.gemini) }).catch((error: unknown) => logger.debug({ err: error }, 'HTTP client warm-up failed'));
    }

    const requests = new AppRequests({
      onSettled: () => {
        if (options.host !== 'cli') vocabulary.refreshSoon();
      },
      pipeline, gemini, audio, clock, logger, events, settings,
      keptAudio: () => {
        const buffer = new UtteranceBuffer();
        return { push: (c) => buffer.append(c), concat: () => buffer.concat(), get samples() { return buffer.byteLength / 2; } };
      },
      clipboard: options.platform?.clipboard ?? null,
      ...(options.shell ? { shell: options.shell } : {}),
    });
    const registry = new RequestRegistry();
    closers.add('open requests', () => registry.cancelAll());

    if (options.host !== 'cli') {
      monitor.start();
      memory.start();
      const poolTimer = setInterval(() => {
        monitor.setPoolSize(SESSION_POOL, gemini.poolSize());
        monitor.setPoolSize('syntax checks', quality.sizes());
      }, 5_000);
      poolTimer.unref();
      closers.add('pool gauge', () => clearInterval(poolTimer));
    }

    const resultAction: { current: ResultActionHandler | undefined } = { current: undefined };
    const handlers = createHandlers({
      resultAction, personal,
      options, logger, settings, settingsStore, stored: storedSettings, reports, history, monitor, memory, cache, gemini, requests, registry, events,
      version: options.version ?? packageVersion(),
      corruption: () => corruption,
      keyStorage: () => gemini.keyStorage(),
      sharedCache,
      settingsWarnings: { current: [...stored.warnings, ...envNotes] },
      // What parts built from settings at start re-read after settings.update (the table is settings-apply.ts).
      onSettingsChanged: settingsReapplier({ gemini, monitor, vocabulary, logger, refreshes: options.host !== 'cli' }),
    });
    const router = new ApiRouter(handlers, (method, reason) => logger.warn({ method, reason }, 'rejected call'));

    return {
      settings,
      router,
      events,
      runText: (request, onEvent, signal) => requests.runText(request, onEvent, signal),
      // Tray commands also reach every renderer (the overlay shows them), under a request id of their own.
      runQuick: async (command, onEvent, opts) => {
        const controller = new AbortController();
        const abort = (): void => controller.abort(opts?.signal?.reason);
        opts?.signal?.addEventListener('abort', abort, { once: true });
        const id = registry.add({ clientId: 'local', controller, cancel: () => controller.abort() });
        try {
          return await requests.runQuick(command, (event) => {
            onEvent(event);
            events.emit('pipeline.event', { requestId: id, event });
          }, { ...(opts?.targetLanguage ? { targetLanguage: opts.targetLanguage } : {}), ...(opts?.selection !== undefined ? { selection: opts.selection } : {}), signal: controller.signal });
        } finally {
          registry.remove(id);
          opts?.signal?.removeEventListener('abort', abort);
        }
      },
      startDictation: (opts) => requests.startDictation(registry, opts?.clientId ?? 'local', opts),
      runAudioFile: async (wav, opts, onEvent, signal) => {
        await cliVocabulary(signal);
        return requests.runAudioFile(wav, opts, onEvent, signal);
      },
      transcribeFile: async (wav, signal) => {
        await cliVocabulary(signal);
        return requests.transcribeFile(wav, signal);
      },
      recogniseIntent: (text, language) => requests.recogniseIntent(text, language),
      applyDictionary: (text) => personal.applyDictionary(text),
      onAudio: (requestId, pcm16, clientId) => {
        const open = registry.get(requestId);
        if (open && open.clientId === clientId && open.push) open.push(pcm16);
      },
      clientClosed: (clientId) => registry.cancelClient(clientId),
      setResultActionHandler: (handler) => {
        resultAction.current = handler;
      },
      setFocusSource: (source) => requests.setFocusSource(source),
      metricsText: () => monitor.prometheus.metrics(),
      warmSessions: () => gemini.poolSize().idle,
      close: () => closers.closeAll((name, error) => logger.error({ err: error, part: name }, 'error while closing')),
    };
  } catch (error) {
    await closers.closeAll((name, closeError) => logger.error({ err: closeError, part: name }, 'error while closing after a failed start'));
    const e = toAppError(error);
    throw e.code === 'INTERNAL' ? new AppError('INTERNAL', `Voice CodeGen could not start: ${e.message}`, { cause: error }) : e;
  }
}
