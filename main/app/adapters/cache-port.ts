// The pipeline's CachePort over the tiered cache: the key is hashed once here and handed to every tier.
import { createCacheKey, hashContext, type CacheKey } from '../../cache/keys.js';
import type { HierarchicalCache } from '../../cache/hierarchy.js';
import { z } from 'zod';
import type { CachedValue, CacheHit, CachePort } from '../../pipeline/ports.js';
import { INTENT_NAMES } from '../../intent/types.js';

/** What a stored answer must look like before it is used; bounded, since L2 is written by other machines. */
const cachedValueSchema = z.object({
  code: z.string().max(2_000_000),
  answer: z.string().max(2_000_000),
  language: z.string().max(64),
  intent: z.enum(INTENT_NAMES),
  finishReason: z.string().max(64),
  createdAt: z.number().finite(),
});

/** The hierarchy's validate option: a value from L2/L3 that fails is a miss (counted as rejected), never a crash. */
export function isCachedValue(value: unknown): value is CachedValue {
  return cachedValueSchema.safeParse(value).success;
}

export class CachePortAdapter implements CachePort<CacheKey> {
  private readonly writes = new Set<Promise<void>>();

  /**
   * @param generation what else decides an answer (model, temperature, output limit, prompt version): a change must
   *   not serve answers made the old way.
   */
  constructor(private readonly cache: HierarchicalCache<CachedValue>, private readonly generation: () => string) {}

  key(parts: { transcript: string; intent: string; language: string; context: string; selection?: string }): CacheKey {
    return createCacheKey({ transcript: parts.transcript, intent: parts.intent, language: parts.language, contextHash: hashContext(`${this.generation()}\u0000${parts.context}`), ...(parts.selection !== undefined ? { selectionHash: hashContext(parts.selection) } : {}) });
  }

  async get(key: CacheKey, signal: AbortSignal): Promise<CacheHit | undefined> {
    const hit = await this.cache.get(key, signal);
    return hit ? { value: hit.value, tier: hit.tier, ageMs: hit.ageMs } : undefined;
  }

  set(key: CacheKey, value: CachedValue, ttlMs: number): Promise<void> {
    const write = this.cache.set(key, value, { ttlMs }).finally(() => this.writes.delete(write));
    this.writes.add(write);
    return write;
  }

  /** Waits for writes still on their way to L2/L3 (at shutdown, so a CLI run's answer is really cached). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.writes]);
  }
}
