// The handlers behind the renderer contract's methods (validated by ApiRouter before they run).
import type { HistoryEntry as ContractHistoryEntry } from '../../preload/contract.js';
import type { Settings } from '../config/schema.js';
import { AppError, toAppError } from '../core/errors.js';
import type { HistoryEntry, HistoryStore } from '../store/history.js';
import type { SettingsStore } from '../store/settings.js';
import type { CorruptionReport } from '../store/database.js';
import type { PerformanceMonitor } from '../monitor/performance-monitor.js';
import type { MemoryMonitor } from '../monitor/memory-monitor.js';
import type { HierarchicalCache } from '../cache/hierarchy.js';
import type { CachedValue } from '../pipeline/ports.js';
import type { MethodHandlers } from './api-router.js';
import type { AppEvents } from './app-events.js';
import type { CreateAppOptions } from './app-types.js';
import type { AppRequests } from './app-requests.js';
import type { GeminiServices } from './gemini-services.js';
import type { RequestRegistry } from './request-registry.js';
import { applySettingsPatch, publicSettings, storableSettings } from './settings-view.js';
import { loadConfig } from '../config/load.js';

export interface HandlerDeps {
  options: CreateAppOptions;
  logger: import('../core/logger.js').Logger;
  settings: Settings;
  settingsStore: SettingsStore;
  history: HistoryStore;
  monitor: PerformanceMonitor;
  memory: MemoryMonitor;
  cache: HierarchicalCache<CachedValue>;
  gemini: GeminiServices;
  requests: AppRequests;
  registry: RequestRegistry;
  events: AppEvents;
  version: string;
  corruption: () => CorruptionReport | undefined;
  keyStorage: () => 'encrypted' | 'memory' | 'env';
  onSettingsChanged?: (next: Settings) => void;
  /** The settings as stored (no environment overrides, no keys): the base every patch applies to. */
  stored: { current: Settings };
  reports: { latest(): unknown };
}

function toContractEntry(e: HistoryEntry): ContractHistoryEntry {
  return {
    id: e.id, createdAt: e.createdAt, transcript: e.transcript, intent: e.intent, language: e.language, code: e.code,
    timings: e.timings, cachedTier: e.cacheTier, errorCode: e.error?.code ?? null, errorMessage: e.error?.message ?? null,
  };
}

export function createHandlers(deps: HandlerDeps): MethodHandlers {
  const { settings, registry, requests, events } = deps;
  const nonEssentialFailure = (requestId: number) => (error: unknown): void => {
    // The pipeline already sent an error event for this request; nothing is lost.
    registry.remove(requestId);
    deps.logger.debug({ err: error, requestId }, 'request ended with an error (reported to the renderer)');
  };
  return {
    'app.info': () => {
      const corruption = deps.corruption();
      return {
        host: deps.options.host === 'electron' ? 'electron' : 'web',
        version: deps.version,
        simulated: deps.options.simulated ?? false,
        hasApiKey: deps.gemini.hasApiKey(),
        hotkey: settings.hotkey.accelerator,
        hotkeyMode: settings.hotkey.mode,
        ...(deps.options.note ? { note: deps.options.note } : {}),
        ...(corruption ? { dataDirNotice: `Your database was damaged and was moved aside to ${corruption.movedTo}; Voice CodeGen started with a fresh one. Your old history is in that file.` } : {}),
      };
    },
    'dictation.start': (params, ctx) => {
      const handle = requests.startDictation(registry, ctx.clientId, { ...(params.intent ? { intent: params.intent } : {}), ...(params.language ? { language: params.language } : {}) });
      const id = handle.requestId;
      const open = registry.get(id);
      if (open) open.finish = () => void handle.finish().catch(nonEssentialFailure(id));
      return { requestId: id };
    },
    'dictation.stop': (params, ctx) => {
      const open = registry.owned(params.requestId, ctx.clientId);
      if (!open.finish) throw new AppError('VALIDATION', `Request ${params.requestId} is not a dictation.`);
      open.finish();
      return { ok: true };
    },
    'request.cancel': (params, ctx) => {
      registry.owned(params.requestId, ctx.clientId);
      return { ok: registry.cancel(params.requestId) };
    },
    'request.text': (params, ctx) => {
      const controller = new AbortController();
      const id = registry.add({ clientId: ctx.clientId, controller, cancel: () => controller.abort() });
      requests
        .runText({ text: params.text, ...(params.language ? { language: params.language } : {}), ...(params.intent ? { intent: params.intent } : {}), ...(params.noCache ? { noCache: true } : {}) }, (event) => events.emit('pipeline.event', { requestId: id, event }), controller.signal)
        .then(() => registry.remove(id), nonEssentialFailure(id));
      return { requestId: id };
    },
    'request.quick': (params, ctx) => {
      const controller = new AbortController();
      const id = registry.add({ clientId: ctx.clientId, controller, cancel: () => controller.abort() });
      let reported = false;
      const emit = (event: Parameters<Parameters<AppRequests['runQuick']>[1]>[0]): void => {
        if (event.type === 'error') reported = true;
        events.emit('pipeline.event', { requestId: id, event });
      };
      requests
        .runQuick(params.command, emit, { signal: controller.signal, ...(params.targetLanguage ? { targetLanguage: params.targetLanguage } : {}) })
        .then(() => registry.remove(id), (error: unknown) => {
          // Errors before the pipeline started (empty clipboard, clipboard unreadable) have not been reported yet.
          if (!reported) emit({ type: 'error', error: toAppError(error).toJSON() });
          registry.remove(id);
        });
      return { requestId: id };
    },
    'history.search': (params) => {
      const query = params.query?.trim();
      if (query) {
        const found = deps.history.search(query, { limit: params.limit, offset: params.offset });
        return { entries: found.items.map(toContractEntry), total: params.offset + found.items.length + (found.nextOffset !== undefined ? 1 : 0) };
      }
      const page = deps.history.list({ limit: params.limit + params.offset });
      const entries = page.items.slice(params.offset).map(toContractEntry);
      return { entries, total: params.offset + entries.length + (page.nextCursor !== undefined ? 1 : 0) };
    },
    'history.get': (params) => {
      const e = deps.history.get(params.id);
      return e ? toContractEntry(e) : null;
    },
    'history.delete': async (params) => ({ ok: await deps.history.delete(params.id) }),
    'history.clear': async () => {
      await deps.history.clear();
      return { ok: true };
    },
    'history.export': () => ({ json: deps.history.export() }),
    'settings.get': () => publicSettings(settings, deps.keyStorage()),
    'settings.update': async (params) => {
      // Patches apply to the settings as stored, never to the environment's overrides (GEMINI_API_KEY, REDIS_URL, ...),
      // which must not end up in the database; the effective settings are the stored ones with the environment on top.
      const nextStored = applySettingsPatch(deps.stored.current, params.patch);
      await deps.settingsStore.save(storableSettings(nextStored));
      deps.stored.current = nextStored;
      const next = withKeysOf(settings, loadConfig(storableSettings(nextStored), deps.options.env ?? {}));
      const restartRequired = JSON.stringify(withoutLive(storableSettings(settings))) !== JSON.stringify(withoutLive(storableSettings(next)));
      // Live-applied fields; the rest (pool sizes, Redis, cache sizes) take effect at the next start.
      settings.language = next.language;
      settings.hotkey = next.hotkey;
      settings.output = next.output;
      settings.privacy = next.privacy;
      settings.speculation = next.speculation;
      settings.vocabulary = next.vocabulary;
      settings.intent = next.intent;
      deps.onSettingsChanged?.(next);
      return { ...publicSettings(next, deps.keyStorage()), restartRequired };
    },
    'settings.setApiKey': async (params) => {
      const { stored, verified, note } = await deps.gemini.checkAndSetApiKey(params.instance, params.apiKey);
      return { ok: true, stored, verified, ...(note ? { note } : {}) };
    },
    'dashboard.get': () => ({
      ...(deps.monitor.dashboard() as unknown as Record<string, unknown>),
      cacheTiers: deps.cache.metrics(),
      memory: { ...deps.memory.state, warning: settings.monitor.memory.warning, critical: settings.monitor.memory.critical },
      lastReport: deps.reports.latest() ?? null,
      instances: deps.gemini.health(),
      pool: deps.gemini.poolSize(),
    }),
    'clipboard.copy': async (params) => {
      const clipboard = deps.options.platform?.clipboard;
      if (!clipboard) throw new AppError('VALIDATION', 'This window copies with the browser clipboard; use the Copy button.');
      await clipboard.writeText(params.text);
      return { ok: true };
    },
  };
}

/** Keys stay with an instance only while it points at the same endpoint (they are never part of a patch). */
function withKeysOf(current: Settings, next: Settings): Settings {
  const keys = new Map(current.gemini.instances.map((i) => [`${i.name}\u0000${i.baseUrl ?? ''}`, i.apiKey]));
  next.gemini.instances = next.gemini.instances.map((i) => {
    if (i.apiKey) return i;
    const key = keys.get(`${i.name}\u0000${i.baseUrl ?? ''}`);
    return key ? { ...i, apiKey: key } : i;
  });
  return next;
}

/** The settings that need a restart: everything but what settings.update applies live. */
function withoutLive(s: Settings): unknown {
  const { language: _l, hotkey: _h, output: _o, privacy: _p, speculation: _s, vocabulary: _v, intent: _i, ...rest } = s;
  return rest;
}
