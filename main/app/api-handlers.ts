// The handlers behind the renderer contract's methods (validated by ApiRouter before they run).
import type { HistoryEntry as ContractHistoryEntry } from '../../preload/contract.js';
import { codeCheckSchema } from '../../preload/contract.js';
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
import { applySettingsPatch, droppedKeys, keyNotices, publicSettings, storableSettings } from './settings-view.js';
import { loadConfig } from '../config/load.js';
import type { SharedCacheControl } from './shared-cache.js';
import { applyLiveSettings, restartPaths } from './settings-apply.js';

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
  /** After settings.update copied the live settings in: re-applies what parts built from them (awaited before the answer). */
  onSettingsChanged?: (current: Settings, previous: Settings) => Promise<void> | void;
  /** The settings as stored (no environment overrides, no keys): the base every patch applies to. */
  stored: { current: Settings };
  reports: { latest(): unknown };
  /** The shared Redis tier's team secret and status line. */
  sharedCache: Pick<SharedCacheControl<CachedValue>, 'status' | 'setTeamSecret'>;
  /** What loading the stored settings repaired (shown in Settings until the next successful save). */
  settingsWarnings?: { current: string[] };
  /** What the overlay's result buttons do (the Electron shell sets it); absent: this host has no desktop to act on. */
  resultAction: { current: ResultActionHandler | undefined };
}

export type ResultActionHandler = (requestId: number, action: import('../../preload/contract.js').ResultAction) => Promise<{ ok: boolean; message?: string }> | { ok: boolean; message?: string };

function toContractEntry(e: HistoryEntry): ContractHistoryEntry {
  return {
    id: e.id, createdAt: e.createdAt, status: e.status, transcript: e.transcript, intent: e.intent, language: e.language, code: e.code,
    timings: e.timings, cachedTier: e.cacheTier, errorCode: e.error?.code ?? null, errorMessage: e.error?.message ?? null, uses: e.uses, lastUsedAt: e.lastUsedAt, edit: e.edit,
    // The syntax check as stored (issue 24); a row the schema does not accept shows none.
    check: e.check ? (codeCheckSchema.safeParse(e.check).data ?? null) : null,
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
        ...(corruption ? { dataDirNotice: `Your database was damaged and was moved aside to ${corruption.movedTo}; Voice CodeGen started with a fresh one, so your settings were reset to their defaults too (API keys are kept elsewhere and are not affected). Your old history and settings are in that file.` } : {}),
      };
    },
    'result.action': (params) =>
      deps.resultAction.current?.(params.requestId, params.action) ?? { ok: false, message: 'This window cannot paste into other apps: copy the code instead.' },
    'dictation.start': (params, ctx) => {
      const handle = requests.startDictation(registry, ctx.clientId, { ...(params.intent ? { intent: params.intent } : {}), ...(params.language ? { language: params.language } : {}), ...(params.edit ? { edit: params.edit } : {}) });
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
        .runText({ text: params.text, ...(params.language ? { language: params.language } : {}), ...(params.intent ? { intent: params.intent } : {}), ...(params.noCache ? { noCache: true } : {}), ...(params.edit ? { edit: params.edit } : {}) }, (event) => events.emit('pipeline.event', { requestId: id, event }), controller.signal)
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
        .runQuick(params.command, emit, { signal: controller.signal, ...(params.targetLanguage ? { targetLanguage: params.targetLanguage } : {}), ...(params.clipboard !== undefined ? { clipboard: params.clipboard } : {}), ...(params.selection !== undefined ? { selection: params.selection } : {}) })
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
        return { entries: found.items.map(toContractEntry), total: found.total };
      }
      const page = deps.history.listAt({ offset: params.offset, limit: params.limit });
      return { entries: page.items.map(toContractEntry), total: page.total };
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
    'settings.get': () => {
      const keyNotice = deps.gemini.keyNotice();
      return { ...publicSettings(settings, deps.keyStorage()), sharedCache: deps.sharedCache.status(), warnings: deps.settingsWarnings?.current ?? [], ...(keyNotice ? { keyNotice } : {}) };
    },
    'settings.update': async (params) => {
      // Patches apply to the settings as stored, never to the environment's overrides (GEMINI_API_KEY, REDIS_URL, ...),
      // which must not end up in the database; the effective settings are the stored ones with the environment on top.
      const nextStored = applySettingsPatch(deps.stored.current, params.patch);
      await deps.settingsStore.save(storableSettings(nextStored));
      deps.stored.current = nextStored;
      const envNotes: string[] = [];
      const next = withKeysOf(settings, loadConfig(storableSettings(nextStored), deps.options.env ?? {}, envNotes));
      // The saved row is valid now: what loading it repaired no longer applies; a withheld GEMINI_API_KEY still does.
      if (deps.settingsWarnings) deps.settingsWarnings.current = [...envNotes];
      const keysDropped = droppedKeys(settings, next);
      const notices = [...envNotes, ...keyNotices(keysDropped, nextStored, next, deps.options.env?.VOICE_CODEGEN_GEMINI_BASE_URL)];
      // One table (settings-apply.ts) says what applies at once; the rest waits for a restart and the UI says which.
      const restartFor = restartPaths(settings, next);
      const previous = structuredClone(settings);
      applyLiveSettings(settings, next);
      await deps.onSettingsChanged?.(settings, previous);
      const restartRequired = restartFor.length > 0;
      return { ...publicSettings(next, deps.keyStorage()), sharedCache: deps.sharedCache.status(), restartRequired, restartFor, keysDropped, notices: [...new Set(notices)] };
    },
    'settings.setApiKey': async (params) => {
      const { stored, verified, note } = await deps.gemini.checkAndSetApiKey(params.instance, params.apiKey);
      return { ok: true, stored, verified, ...(note ? { note } : {}) };
    },
    'settings.setTeamSecret': async (params) => {
      const { stored, status } = await deps.sharedCache.setTeamSecret(params.secret);
      return { ok: true, stored, sharedCache: status };
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
