// Builds the Gemini side for the app: endpoints from settings, the balancer, generators, transcribers and the Live session pool.
import type { GoogleGenAI } from '@google/genai';
import type { Settings } from '../config/schema.js';
import { AsyncQueue } from '../core/async-queue.js';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { Balancer, balancedLiveFactory, type InstanceHealth } from '../gemini/balancer.js';
import { createGeminiClient } from '../gemini/client.js';
import { resolveEndpoints } from '../gemini/endpoints.js';
import { CodeGenerator } from '../gemini/code-generator.js';
import { mapGeminiError } from '../gemini/errors.js';
import { ThinkingConfigs } from '../gemini/thinking.js';
import { FileTranscriber } from '../gemini/file-transcriber.js';
import { checkApiKey, type KeyCheck } from '../gemini/key-check.js';
import { LiveTranscriber } from '../gemini/live-transcriber.js';
import { SessionPool, type SessionLease } from '../gemini/session-pool.js';
import { tokenUsageOf, type GeminiEndpoint, type GeminiTokenUsage, type GenerationChunk, type LiveSession } from '../gemini/types.js';
import { INTENT_NAMES, isIntentName, type IntentName } from '../intent/types.js';
import type { FileTranscriberPort, GeneratorPort, LiveSessionSource } from '../pipeline/ports.js';
import { warmStreamingTransport } from '../gemini/transport-warm-up.js';

export interface SecretStore {
  isEncryptionAvailable(): boolean;
  save(name: string, secret: string): Promise<void> | void;
  load(name: string): Promise<string | undefined> | string | undefined;
}

export interface GeminiServices {
  readonly generator: GeneratorPort;
  readonly sessions: LiveSessionSource;
  readonly fileTranscriber: FileTranscriberPort;
  readonly intentAssist: (text: string, signal: AbortSignal) => Promise<IntentName | undefined>;
  vocabulary(): readonly string[];
  /** replaceNow: terms were removed for privacy; no session set up with the old ones serves another utterance. */
  setVocabulary(terms: readonly string[], options?: { replaceNow?: boolean }): void;
  hasApiKey(): boolean;
  /** Why no instance can serve right now (no key, every breaker open), or null: checked before recording starts. */
  unavailable(): AppError | null;
  /** Stores a key (encrypted where the platform can) and uses it from the next request on. */
  setApiKey(instance: string, apiKey: string): Promise<'encrypted' | 'memory'>;
  /**
   * Checks the key with one cheap real call first (5 s): a key Google rejects throws INVALID_KEY and is not saved;
   * when Google cannot be asked (network), the key is saved and reported as not verified.
   */
  checkAndSetApiKey(instance: string, apiKey: string): Promise<{ stored: 'encrypted' | 'memory' } & KeyCheck>;
  keyStorage(): 'encrypted' | 'memory' | 'env';
  /** Said in Settings when the platform has a key store that cannot encrypt (Linux without a keyring). */
  keyNotice(): string | undefined;
  health(): InstanceHealth[];
  poolSize(): { size: number; idle: number; min: number; max: number; waiting: number };
  /** Settings changed (instances, models, pool, retry, ...): later requests use endpoints and a pool built from them. */
  reconfigure(): void;
  /** Memory pressure: close warm sessions nobody is using. */
  trimSpare(): void;
  close(): Promise<void>;
}

export interface GeminiServicesOptions {
  logger: Logger;
  prewarm: boolean;
  secretStore?: SecretStore;
  /** True when GEMINI_API_KEY came from the environment (it then overrides stored keys). */
  keyFromEnv?: boolean;
  /** Tests against a simulator with short connections lower this. */
  connectionLimitMs?: number;
  /** Tokens of Live and batch transcription and of intent assist (generation is accounted by the pipeline). */
  onTokens?: (usage: GeminiTokenUsage) => void;
}

/**
 * Where a key is kept in the encrypted store: bound to the instance's base URL, so a settings change that points an
 * instance elsewhere never sends the stored key there (the user enters it again for the new endpoint).
 */
export function secretName(instance: string, baseUrl: string | undefined): string {
  return `gemini:${instance}:${baseUrl ?? 'google'}`;
}

export const NO_KEYRING_NOTICE =
  'This system has no usable keyring (on Linux: GNOME Keyring or KWallet is not running), so an API key you enter is kept for this session only and never written to disk. Set GEMINI_API_KEY or start a keyring to keep it.';

const ASSIST_INSTRUCTION = `Classify a developer's spoken request to a coding assistant. Answer with exactly one of: ${INTENT_NAMES.join(', ')}.`;

/** Everything that depends on the endpoints; rebuilt when a key changes. */
class Bundle {
  readonly balancer: Balancer;
  readonly pool: SessionPool;
  private readonly generators = new Map<string, CodeGenerator>();
  private readonly transcribers = new Map<string, FileTranscriber>();
  private readonly clients = new Map<string, GoogleGenAI>();

  private readonly logger: GeminiServicesOptions['logger'];

  constructor(readonly endpoints: GeminiEndpoint[], private readonly settings: Settings, options: GeminiServicesOptions, vocabulary: readonly string[]) {
    this.logger = options.logger;
    this.balancer = new Balancer({ endpoints, strategy: settings.gemini.strategy, breaker: settings.gemini.breaker, classify: mapGeminiError, logger: options.logger });
    const live = balancedLiveFactory(this.balancer, (endpoint) => new LiveTranscriber({ endpoint, connectTimeoutMs: settings.gemini.connectTimeoutMs, languageCodes: [...settings.language.spoken], client: this.client(endpoint), logger: options.logger, ...(options.onTokens ? { onUsage: options.onTokens } : {}) }));
    const hasKey = endpoints.some((e) => e.apiKey !== '');
    this.pool = new SessionPool({
      factory: live,
      // No key yet: keep nothing warm (each attempt would fail); a key added later rebuilds the bundle.
      settings: { ...settings.pool, min: options.prewarm && hasKey ? settings.pool.min : 0 },
      vocabulary,
      logger: options.logger,
      ...(options.connectionLimitMs ? { connectionLimitMs: options.connectionLimitMs } : {}),
    });
    // Each keyed endpoint's SDK client and generator are made now, not inside its first answer.
    for (const endpoint of endpoints) if (endpoint.apiKey.trim() !== '') this.generator(endpoint);
  }

  client(endpoint: GeminiEndpoint): GoogleGenAI {
    let c = this.clients.get(endpoint.name);
    if (!c) this.clients.set(endpoint.name, (c = createGeminiClient(endpoint)));
    return c;
  }

  generator(endpoint: GeminiEndpoint): CodeGenerator {
    let g = this.generators.get(endpoint.name);
    if (!g) {
      g = new CodeGenerator({ endpoint, temperature: this.settings.gemini.temperature, maxOutputTokens: this.settings.gemini.maxOutputTokens, retry: this.settings.gemini.retry, client: this.client(endpoint), logger: this.logger });
      this.generators.set(endpoint.name, g);
    }
    return g;
  }

  transcriber(endpoint: GeminiEndpoint): FileTranscriber {
    let t = this.transcribers.get(endpoint.name);
    if (!t) this.transcribers.set(endpoint.name, (t = new FileTranscriber({ endpoint, retry: this.settings.gemini.retry, client: this.client(endpoint) })));
    return t;
  }
}

export function createGeminiServices(settings: Settings, options: GeminiServicesOptions): GeminiServices {
  warmStreamingTransport();
  let storage: 'encrypted' | 'memory' | 'env' = options.keyFromEnv ? 'env' : options.secretStore?.isEncryptionAvailable() ? 'encrypted' : 'memory';
  let bundle = new Bundle(resolveEndpoints(settings), settings, options, []);
  const leases = new WeakMap<LiveSession, SessionLease>();
  const retired = new Set<Promise<void>>();

  const generator: GeneratorPort = {
    stream(request) {
      // A consumer that stops reading early aborts the HTTP stream behind it.
      const stop = new AbortController();
      const onAbort = (): void => stop.abort(request.signal.reason);
      if (request.signal.aborted) stop.abort(request.signal.reason);
      else request.signal.addEventListener('abort', onAbort, { once: true });
      const queue = new AsyncQueue<GenerationChunk>(() => stop.abort(new AppError('CANCELLED', 'The answer was no longer read.')));
      let shown = false;
      const current = bundle;
      current.balancer
        .run(
          async (endpoint, signal) => {
            const onWaiting = (info: { until: number; delayMs: number; error: AppError }): void => {
              if (!shown) queue.push({ type: 'waiting', ...info });
            };
            for await (const chunk of current.generator(endpoint).generate({ ...request, signal, onWaiting })) {
              if (chunk.type === 'text') shown = true;
              queue.push(chunk);
            }
          },
          { signal: stop.signal, safeToRetry: () => !shown },
        )
        .then(() => queue.end(), (error: unknown) => queue.fail(error))
        .finally(() => request.signal.removeEventListener('abort', onAbort));
      return queue;
    },
  };

  const sessions: LiveSessionSource = {
    async acquire(signal) {
      const lease = await bundle.pool.acquire(signal);
      leases.set(lease.session, lease);
      return lease.session;
    },
    release(session, reusable) {
      const lease = leases.get(session);
      leases.delete(session);
      if (!lease) return;
      if (reusable) lease.release();
      else lease.discard();
    },
  };

  const fileTranscriber: FileTranscriberPort = {
    async transcribe(audio, mimeType, signal, onWaiting) {
      const current = bundle;
      const result = await current.balancer.run(
        (endpoint, s) => current.transcriber(endpoint).transcribe({ audio, mimeType, vocabulary: current.pool.vocabulary, signal: s, ...(onWaiting ? { onWaiting } : {}) }),
        { signal },
      );
      if (result.usage) report(result.usage);
      return result.text;
    },
  };

  const report = (usage: GeminiTokenUsage): void => {
    try {
      options.onTokens?.(usage);
    } catch (error) {
      options.logger.warn({ err: error }, 'token accounting failed');
    }
  };

  const thinking = new ThinkingConfigs(options.logger);
  const thinkingOf = (model: string): { thinkingConfig?: ReturnType<ThinkingConfigs['for']> } => {
    const thinkingConfig = thinking.for(model);
    return thinkingConfig ? { thinkingConfig } : {};
  };

  const intentAssist = async (text: string, signal: AbortSignal): Promise<IntentName | undefined> => {
    const current = bundle;
    const answer = await current.balancer.run(
      async (endpoint, s) => {
        const response = await current.client(endpoint).models.generateContent({
          model: endpoint.models.intentAssist,
          contents: [{ role: 'user', parts: [{ text }] }],
          // 8 output tokens: thinking tokens come out of them, so the model's least thinking is a must here.
          config: { systemInstruction: ASSIST_INSTRUCTION, temperature: 0, maxOutputTokens: 8, ...thinkingOf(endpoint.models.intentAssist), abortSignal: s },
        });
        const usage = tokenUsageOf('intent_assist', endpoint.models.intentAssist, response.usageMetadata);
        if (usage) report(usage);
        return (response.text ?? '').trim().toLowerCase();
      },
      { signal },
    );
    return isIntentName(answer) ? answer : undefined;
  };

  const rebuild = (): void => {
    const old = bundle;
    bundle = new Bundle(resolveEndpoints(settings), settings, options, old.pool.vocabulary);
    const closing = old.pool.close().catch((error: unknown) => options.logger.warn({ err: error }, 'closing the old session pool failed'));
    retired.add(closing);
    void closing.finally(() => retired.delete(closing));
  };

  const services: GeminiServices = {
    generator,
    sessions,
    fileTranscriber,
    intentAssist,
    vocabulary: () => bundle.pool.vocabulary,
    setVocabulary: (terms, opts) => bundle.pool.setVocabulary(terms, opts),
    hasApiKey: () => bundle.endpoints.some((e) => e.apiKey !== ''),
    unavailable: () => bundle.balancer.unavailable(),
    async setApiKey(instance, apiKey) {
      const key = apiKey.trim();
      if (key.length < 8) throw new AppError('VALIDATION', 'That does not look like a Gemini API key. Copy the whole key from Google AI Studio.');
      let stored: 'encrypted' | 'memory' = 'memory';
      // No usable keyring: the key is kept in memory for this session, as the store's message promises (keyNotice says so).
      if (options.secretStore?.isEncryptionAvailable()) {
        const current = settings.gemini.instances.find((i) => i.name === instance);
        await options.secretStore.save(secretName(instance, current?.baseUrl), key);
        stored = 'encrypted';
      }
      const existing = settings.gemini.instances.find((i) => i.name === instance);
      if (existing) existing.apiKey = key;
      else settings.gemini.instances.push({ name: instance, apiKey: key, weight: 1 });
      storage = stored;
      rebuild();
      return stored;
    },
    async checkAndSetApiKey(instance, apiKey) {
      const key = apiKey.trim();
      if (key.length < 8) throw new AppError('VALIDATION', 'That does not look like a Gemini API key. Copy the whole key from Google AI Studio.');
      const endpoints = resolveEndpoints(settings);
      // The instance's own base URL and models (the first instance's for a new one): where the key will be used.
      const endpoint = endpoints.find((e) => e.name === instance) ?? endpoints[0];
      const check = endpoint ? await checkApiKey(endpoint, key) : { verified: false };
      const stored = await services.setApiKey(instance, key);
      return { stored, ...check };
    },
    keyStorage: () => storage,
    keyNotice: () => (storage === 'memory' && options.secretStore && !options.secretStore.isEncryptionAvailable() ? NO_KEYRING_NOTICE : undefined),
    health: () => bundle.balancer.health(),
    poolSize: () => {
      const s = bundle.pool.sizes();
      return { size: s.warm + s.inUse, idle: s.warm, min: settings.pool.min, max: settings.pool.max, waiting: s.waiting };
    },
    reconfigure: () => rebuild(),
    trimSpare: () => bundle.pool.trimIdle(),
    async close() {
      await bundle.pool.close();
      await Promise.all([...retired]);
    },
  };
  return services;
}
