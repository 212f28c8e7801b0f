// The L2 entry signature: any change to the bytes, the key or the secret fails verification; secrets too short are refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntrySigner, SIGNATURE_BYTES, TEAM_SECRET_MIN_LENGTH, teamNamespace, teamSecretProblem } from '../../main/cache/team-secret.js';
import { propertyParams } from '../support/fault-helpers.js';

const SECRET = 'a team secret of some length';

describe('team secret signatures', () => {
  it('verifies what it signed, under the same key, and nothing else: any flipped byte, another key, another secret, a cut', () => {
    const signer = new EntrySigner(SECRET);
    const other = new EntrySigner(`${SECRET}!`);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (key, bytes, at, flip) => {
        const envelope = Buffer.from(bytes);
        const signed = signer.sign(key, envelope);
        expect(signed.length).toBe(envelope.length + SIGNATURE_BYTES);
        expect(signer.verify(key, signed)?.equals(envelope)).toBe(true);
        const tampered = Buffer.from(signed);
        const i = at % tampered.length;
        tampered[i] = (tampered[i] as number) ^ flip;
        expect(signer.verify(key, tampered)).toBeUndefined();
        expect(signer.verify(`${key}x`, signed)).toBeUndefined();
        expect(other.verify(key, signed)).toBeUndefined();
        expect(signer.verify(key, signed.subarray(0, signed.length - 1))).toBeUndefined();
        expect(signer.verify(key, envelope)).toBeUndefined();
      }),
      propertyParams(300),
    );
  });

  it('names a namespace per secret and refuses secrets that are too short or too long', () => {
    expect(teamNamespace(SECRET)).toMatch(/^[0-9a-f]{16}$/);
    expect(teamNamespace(SECRET)).not.toBe(teamNamespace(`${SECRET} `));
    expect(new EntrySigner(SECRET).namespace).toBe(teamNamespace(SECRET));
    expect(teamSecretProblem('x'.repeat(TEAM_SECRET_MIN_LENGTH - 1))).toContain(`at least ${TEAM_SECRET_MIN_LENGTH} characters`);
    expect(teamSecretProblem('x'.repeat(TEAM_SECRET_MIN_LENGTH))).toBeUndefined();
    expect(teamSecretProblem('x'.repeat(1_000_000))).toContain('at most');
    expect(() => new EntrySigner('short')).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});
