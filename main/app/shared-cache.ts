// The shared Redis tier's team secret: where it comes from (environment, keychain, this session), setting it from Settings, and the status line.
import type { Settings } from '../config/schema.js';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { createL2Tier } from '../cache/create-cache.js';
import type { HierarchicalCache } from '../cache/hierarchy.js';
import { teamNamespace, teamSecretProblem } from '../cache/team-secret.js';
import type { SecretStore } from './gemini-services.js';

/** The name under which the secret is kept in the platform's encrypted store (Electron safeStorage), like API keys. */
export const TEAM_SECRET_NAME = 'cache:team-secret';

export type TeamSecretSource = 'env' | 'encrypted' | 'memory' | 'none';

/** What Settings shows: never the secret, only whether the shared tier is on and why not. */
export interface SharedCacheStatus {
  enabled: boolean;
  secret: TeamSecretSource;
  message: string;
}

export interface TeamSecret {
  secret: string | undefined;
  source: TeamSecretSource;
  /** Why a secret that was found cannot be used (too short, for example). */
  problem?: string;
}

/** VOICE_CODEGEN_TEAM_SECRET first, then the keychain; a bad environment value turns the tier off instead of failing the start. */
export async function loadTeamSecret(envSecret: string | undefined, secretStore: SecretStore | undefined, logger: Logger): Promise<TeamSecret> {
  if (envSecret !== undefined) {
    const problem = teamSecretProblem(envSecret);
    if (problem === undefined) return { secret: envSecret, source: 'env' };
    logger.warn({ problem }, 'VOICE_CODEGEN_TEAM_SECRET cannot be used; the shared Redis cache stays off');
    return { secret: undefined, source: 'env', problem };
  }
  if (secretStore?.isEncryptionAvailable()) {
    try {
      const saved = await secretStore.load(TEAM_SECRET_NAME);
      if (saved !== undefined && teamSecretProblem(saved) === undefined) return { secret: saved, source: 'encrypted' };
    } catch (error) {
      logger.warn({ err: error }, 'the saved team secret could not be read; the shared Redis cache stays off');
    }
  }
  return { secret: undefined, source: 'none' };
}

export interface SharedCacheOptions<V> {
  settings: Settings['cache'];
  cache: HierarchicalCache<V>;
  initial: TeamSecret;
  secretStore?: SecretStore;
  logger: Logger;
}

/** Owns the team secret for the running app; setTeamSecret turns the L2 tier on without a restart. */
export class SharedCacheControl<V> {
  private secret: string | undefined;
  private source: TeamSecretSource;
  private problem: string | undefined;

  constructor(private readonly options: SharedCacheOptions<V>) {
    this.secret = options.initial.secret;
    this.source = options.initial.source;
    this.problem = options.initial.problem;
    const status = this.status();
    // A Redis URL that does nothing is worth one line in the log too, for setups nobody opens Settings on.
    if (options.settings.enabled && options.settings.l2.url && !status.enabled) options.logger.warn({}, status.message);
  }

  status(): SharedCacheStatus {
    const s = this.options.settings;
    const base = { secret: this.source };
    if (!s.enabled) return { ...base, enabled: false, message: 'Shared cache off: the cache is turned off in Settings.' };
    if (this.problem !== undefined) return { ...base, enabled: false, message: `Shared cache off: ${this.problem} (VOICE_CODEGEN_TEAM_SECRET)` };
    if (this.secret === undefined) {
      return s.l2.url
        ? { ...base, enabled: false, message: 'Shared cache off: set a team secret (VOICE_CODEGEN_TEAM_SECRET or Settings).' }
        : { ...base, enabled: false, message: 'Shared cache off: no Redis URL (REDIS_URL or Settings), and it also needs a team secret.' };
    }
    if (!s.l2.url) return { ...base, enabled: false, message: 'Shared cache off: team secret set, but no Redis URL (REDIS_URL or Settings).' };
    // The namespace is visible in Redis anyway; showing it lets a team check that every machine uses the same secret.
    return { ...base, enabled: true, message: `Shared cache on: entries are signed with the team secret (namespace ${teamNamespace(this.secret)}).` };
  }

  /** Stores the secret (encrypted where the platform can, else for this session) and uses it from now on. */
  async setTeamSecret(input: string): Promise<{ stored: 'encrypted' | 'memory'; status: SharedCacheStatus }> {
    if (this.source === 'env') {
      throw new AppError('VALIDATION', 'The team secret comes from VOICE_CODEGEN_TEAM_SECRET, which takes precedence; change it there and restart.');
    }
    const secret = input.trim();
    const problem = teamSecretProblem(secret);
    if (problem !== undefined) throw new AppError('VALIDATION', problem);
    let stored: 'encrypted' | 'memory' = 'memory';
    const store = this.options.secretStore;
    if (store?.isEncryptionAvailable()) {
      await store.save(TEAM_SECRET_NAME, secret);
      stored = 'encrypted';
    }
    this.secret = secret;
    this.source = stored;
    this.problem = undefined;
    const tier = createL2Tier(this.options.settings, secret, { logger: this.options.logger });
    if (tier) await this.options.cache.attachL2(tier);
    return { stored, status: this.status() };
  }
}
