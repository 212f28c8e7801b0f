// The team secret of the shared L2 tier: HMAC-SHA256 signatures over key and value, and the key namespace derived from it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../core/errors.js';

/** Shorter secrets can be guessed offline from one signed entry; longer ones are hostile input. */
export const TEAM_SECRET_MIN_LENGTH = 16;
export const TEAM_SECRET_MAX_LENGTH = 1024;

const VERSION = 1;
const MAC_BYTES = 32;
/** Bytes a signed entry adds in front of the envelope: a version byte and the HMAC. */
export const SIGNATURE_BYTES = 1 + MAC_BYTES;

/** Why a secret cannot be used, or undefined when it can (checked before anything is stored or signed with it). */
export function teamSecretProblem(secret: string): string | undefined {
  const length = [...secret.slice(0, TEAM_SECRET_MAX_LENGTH + 1)].length;
  if (length < TEAM_SECRET_MIN_LENGTH) return `The team secret must be at least ${TEAM_SECRET_MIN_LENGTH} characters long; use the same long random text on every machine of the team.`;
  if (length > TEAM_SECRET_MAX_LENGTH) return `The team secret must be at most ${TEAM_SECRET_MAX_LENGTH} characters long.`;
  return undefined;
}

/** 16 hex digits of sha256('vcg-ns:' + secret): teams sharing one Redis never read, overwrite or invalidate each other's keys. */
export function teamNamespace(secret: string): string {
  return createHash('sha256').update(`vcg-ns:${secret}`).digest('hex').slice(0, 16);
}

/** Signs and verifies L2 entries; the secret stays inside (no getter), so nothing can log or send it by accident. */
export class EntrySigner {
  readonly namespace: string;
  private readonly key: Buffer;

  constructor(secret: string) {
    const problem = teamSecretProblem(secret);
    if (problem !== undefined) throw new AppError('CONFIG', problem);
    // A key of its own, so the namespace (which Redis shows to anyone) and the MAC key are never the same hash.
    this.key = createHash('sha256').update(`vcg-l2-hmac:${secret}`).digest();
    this.namespace = teamNamespace(secret);
  }

  /** version byte + HMAC(full Redis key, envelope) + envelope; the key is bound so an entry cannot be moved to another key. */
  sign(redisKey: string, envelope: Buffer): Buffer {
    const out = Buffer.allocUnsafe(SIGNATURE_BYTES + envelope.length);
    out[0] = VERSION;
    this.mac(redisKey, envelope).copy(out, 1);
    envelope.copy(out, SIGNATURE_BYTES);
    return out;
  }

  /** The envelope when the signature is ours, otherwise undefined (constant-time comparison of the MAC). */
  verify(redisKey: string, stored: Buffer): Buffer | undefined {
    if (stored.length <= SIGNATURE_BYTES || stored[0] !== VERSION) return undefined;
    const envelope = stored.subarray(SIGNATURE_BYTES);
    const expected = this.mac(redisKey, envelope);
    return timingSafeEqual(expected, stored.subarray(1, SIGNATURE_BYTES)) ? envelope : undefined;
  }

  private mac(redisKey: string, envelope: Buffer): Buffer {
    return createHmac('sha256', this.key).update(redisKey).update('\u0000').update(envelope).digest();
  }
}
