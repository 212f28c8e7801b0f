// The pipeline's CachePort over the tiered cache: the key is hashed once here and handed to every tier.
import { createCacheKey, hashContext, type CacheKey } from '../../cache/keys.js';
import type { HierarchicalCache } from '../../cache/hierarchy.js';
import type { CachedValue, CacheHit, CachePort } from '../../pipeline/ports.js';

export class CachePortAdapter implements CachePort<CacheKey> {
  constructor(private readonly cache: HierarchicalCache<CachedValue>) {}

  key(parts: { transcript: string; intent: string; language: string; context: string }): CacheKey {
    return createCacheKey({ transcript: parts.transcript, intent: parts.intent, language: parts.language, contextHash: parts.context ? hashContext(parts.context) : '' });
  }

  async get(key: CacheKey, signal: AbortSignal): Promise<CacheHit | undefined> {
    const hit = await this.cache.get(key, signal);
    return hit ? { value: hit.value, tier: hit.tier, ageMs: hit.ageMs } : undefined;
  }

  set(key: CacheKey, value: CachedValue, ttlMs: number): Promise<void> {
    return this.cache.set(key, value, { ttlMs });
  }
}
