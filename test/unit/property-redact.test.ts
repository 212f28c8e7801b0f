// Secrets of every kind inside any surrounding text (long whitespace and dotted runs, repeated prefixes, hidden characters): each secret is masked, everything else is unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets, type SecretKind } from '../../main/pipeline/redact.js';
import { propertyParams } from '../support/fault-helpers.js';

/** One piece of the input: what goes in, and what must come out. */
interface Piece {
  input: string;
  output: string;
  secret: SecretKind | null;
}

const mark = (kind: SecretKind): string => `[REDACTED:${kind}]`;
const chars = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const j = (...parts: string[]): string => parts.join('');

/** Secrets replaced whole, by provider format (assembled at run time so secret scanners do not flag this file). */
const wholeSecrets: ReadonlyArray<fc.Arbitrary<readonly [SecretKind, string]>> = [
  chars(base64, 8, 120).map((b) => ['private_key', j('-----BEGIN ', 'RSA PRIVATE KEY-----\n', b, '\n-----END RSA PRIVATE KEY-----')] as const),
  chars(lower, 35, 35).map((b) => ['google_api_key', j('AI', 'za', b)] as const),
  chars(lower, 20, 60).map((b) => ['anthropic_key', j('sk-', 'ant-', b)] as const),
  fc.tuple(fc.constantFrom('', 'proj-', 'svcacct-'), chars(lower, 20, 60)).map(([p, b]) => ['openai_key', j('sk-', p, b)] as const),
  fc.tuple(fc.constantFrom('ghp_', 'gho_', 'ghs_'), chars(lower, 30, 50)).map(([p, b]) => ['github_token', j(p, b)] as const),
  chars(upper, 16, 16).map((b) => ['aws_access_key', j('AK', 'IA', b)] as const),
  chars(lower, 5, 40).map((b) => ['slack_webhook', j('https://hooks.', 'slack.com/services/T0/B0/', b)] as const),
  chars(lower, 10, 40).map((b) => ['slack_token', j('xo', 'xb-', b)] as const),
  chars(lower, 10, 40).map((b) => ['stripe_key', j('sk_', 'live_', b)] as const),
  fc.tuple(chars(lower, 8, 30), chars(lower, 8, 30), chars(lower, 8, 40)).map(([a, b, c]) => ['jwt', j('ey', 'J', a, '.eyJ', b, '.', c)] as const),
  chars(lower, 20, 40).map((b) => ['gitlab_token', j('gl', 'pat-', b)] as const),
  chars(lower, 36, 36).map((b) => ['npm_token', j('np', 'm_', b)] as const),
];

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const fullWidth = (c: string): string => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c);

/** Hides a whole secret: zero-width characters between some of its characters, some characters full-width. */
function hidden(secret: fc.Arbitrary<readonly [SecretKind, string]>): fc.Arbitrary<readonly [SecretKind, string]> {
  return fc.tuple(secret, fc.infiniteStream(fc.tuple(fc.nat(9), fc.constantFrom(...ZERO_WIDTH), fc.boolean()))).map(([[kind, s], stream]) => {
    const out: string[] = [];
    const it = stream[Symbol.iterator]();
    [...s].forEach((c, i) => {
      const [roll, zw, wide] = it.next().value as [number, string, boolean];
      if (i > 0 && roll < 2) out.push(zw);
      out.push(wide && c !== '\n' ? fullWidth(c) : c);
    });
    return [kind, out.join('')] as const;
  });
}

/** Secrets where only the value goes: the rest says what it was. */
const partSecrets: ReadonlyArray<fc.Arbitrary<Piece>> = [
  chars(`${lower}._~+/-`, 16, 60).filter((t) => /^[a-z0-9]/.test(t)).map((t) => ({ input: `Bearer ${t}`, output: `Bearer ${mark('bearer_token')}`, secret: 'bearer_token' })),
  chars(`${lower}!#%^&*`, 3, 30).filter((p) => /^[a-z0-9]/.test(p)).map((p) => ({ input: `postgres://app:${p}@db.internal:5432/app`, output: `postgres://app:${mark('password')}@db.internal:5432/app`, secret: 'password' })),
  fc.tuple(fc.constantFrom('DB_PASSWORD', 'API_TOKEN', 'CLIENT_SECRET'), chars(lower, 6, 30)).map(([name, v]) => {
    const kind: SecretKind = name.includes('PASS') ? 'password' : 'secret';
    return { input: `${name}=v${v}`, output: `${name}=${mark(kind)}`, secret: kind };
  }),
  chars(`${lower} -`, 3, 30).filter((v) => /^[a-z0-9]/.test(v)).map((v) => ({ input: `const apiKey = "k${v}";`, output: `const apiKey = "${mark('secret')}";`, secret: 'secret' })),
  chars(base64, 86, 86).map((k) => ({ input: `AccountName=acct;AccountKey=${k}==`, output: `AccountName=acct;AccountKey=${mark('azure_storage_key')}`, secret: 'azure_storage_key' })),
];

const secretPiece: fc.Arbitrary<Piece> = fc.oneof(
  fc.oneof(...wholeSecrets).map(([kind, s]) => ({ input: s, output: mark(kind), secret: kind })),
  fc.oneof(...wholeSecrets.map(hidden)).map(([kind, s]) => ({ input: s, output: mark(kind), secret: kind })),
  fc.oneof(...partSecrets),
);

/**
 * Text that is no secret, shaped to make matchers restart: whitespace and dotted runs, prefixes of secret formats
 * repeated (too few times, or broken, to form one), hidden and full-width characters, and any text.
 */
const filler: fc.Arbitrary<string> = fc.oneof(
  fc.nat(400).map((n) => ' '.repeat(n + 1)),
  fc.nat(100).map((n) => ' \t\n '.repeat(n + 1)),
  fc.nat(300).map((n) => `${'x.'.repeat(n + 1)}x`),
  fc.integer({ min: 1, max: 6 }).map((n) => 'sk-'.repeat(n)),
  fc.nat(40).map((n) => `${'Bearer '.repeat(n)}Bearer,`),
  fc.nat(40).map((n) => 'a://'.repeat(n + 1)),
  fc.nat(40).map((n) => 'a://b:'.repeat(n + 1)),
  fc.nat(40).map((n) => 'AIza'.repeat(n + 1)),
  fc.nat(20).map((n) => '-----BEGIN '.repeat(n + 1)),
  fc.nat(40).map((n) => `${'key='.repeat(n + 1)}x`),
  fc.nat(40).map((n) => 'eyJaaa.'.repeat(n + 1)),
  fc.integer({ min: 1, max: 3 }).map((n) => 'glpat-'.repeat(n)),
  fc.nat(40).map((n) => 'npm_'.repeat(n + 1)),
  fc.nat(20).map((n) => 'AccountKey='.repeat(n + 1)),
  fc.nat(40).map((n) => 'ghp_'.repeat(n + 1)),
  fc.nat(40).map((n) => '-AKIA'.repeat(n + 1)),
  fc.nat(60).map((n) => '\u200b'.repeat(n + 1)),
  fc.constantFrom('ｗｒｉｔｅ ａ ｆｕｎｃｔｉｏｎ', 'ﬁle ①', 'e\u0301', 'token = getToken()', 'password: string', 'max_tokens: 2048', 'x = 1'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).filter((s) => !/[@'"`]/.test(s)),
  fc.string({ unit: 'grapheme', maxLength: 8 }).filter((s) => !/[@'"`]/.test(s)),
);

const separator = fc.constantFrom(' ', '\n', '\t', ', ', '; ', ' \n ');

const document = fc.array(fc.tuple(fc.oneof({ weight: 2, arbitrary: filler.map((s): Piece => ({ input: s, output: s, secret: null })) }, { weight: 1, arbitrary: secretPiece }), separator), { maxLength: 12 });

describe('redactSecrets on adversarial text', { timeout: 120_000 }, () => {
  it('masks every embedded secret and leaves all other text exactly as it was', () => {
    fc.assert(
      fc.property(document, (pieces) => {
        const input = pieces.map(([p, sep]) => p.input + sep).join('');
        const expected = pieces.map(([p, sep]) => p.output + sep).join('');
        const r = redactSecrets(input);
        expect(r.text).toBe(expected);
        expect(r.total).toBe(pieces.filter(([p]) => p.secret !== null).length);
        expect(redactSecrets(r.text).text).toBe(r.text);
      }),
      propertyParams(300),
    );
  });

  it('leaves text without secrets unchanged, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, separator), { maxLength: 16 }), (parts) => {
        const text = parts.map(([f, s]) => f + s).join('');
        expect(redactSecrets(text)).toEqual({ text, counts: {}, total: 0 });
      }),
      propertyParams(300),
    );
  });
});
