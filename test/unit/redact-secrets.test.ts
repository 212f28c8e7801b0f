// Secrets never leave the machine or reach storage: provider keys, tokens, private keys, passwords, secret assignments.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../main/pipeline/redact.js';

// Fake secrets in the providers' formats, assembled at run time so secret scanners do not flag this file.
const j = (...parts: string[]): string => parts.join('');
const SECRETS: ReadonlyArray<readonly [string, string]> = [
  ['google_api_key', j('AIza', 'SyA1234567890abcdefghijklmnopqrstuv')],
  ['openai_key', j('sk-', 'proj-', 'abcdefghijklmnopqrstuvwxyz0123456789')],
  ['openai_key', j('sk-', 'abcdefghijklmnopqrstuvwxyz0123456789ABCD')],
  ['anthropic_key', j('sk-', 'ant-api03-', 'abcdefghijklmnopqrstuvwxyz012345')],
  ['github_token', j('ghp', '_', 'abcdefghijklmnopqrstuvwxyz0123456789')],
  ['github_token', j('gho', '_', 'abcdefghijklmnopqrstuvwxyz0123456789')],
  ['github_token', j('github_pat', '_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz')],
  ['aws_access_key', j('AKIA', 'IOSFODNN7EXAMPLE')],
  ['slack_token', j('xox', 'b-', '123456789012-1234567890123-abcdefghijklmnop')],
  ['stripe_key', j('sk_', 'live_', 'abcdefghijklmnop1234')],
  ['jwt', j('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')],
];

describe('redactSecrets', () => {
  it.each(SECRETS)('replaces a %s with [REDACTED:kind] and counts it', (kind, secret) => {
    const r = redactSecrets(`before ${secret} after`);
    expect(r.text).toBe(`before [REDACTED:${kind}] after`);
    expect(r.counts).toEqual({ [kind]: 1 });
    expect(r.total).toBe(1);
  });

  it('removes a whole private key block, even one cut off at the end', () => {
    const block = `-----BEGIN ${'RSA PRIVATE'} KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----`;
    expect(redactSecrets(`key:\n${block}\ndone`).text).toBe('key:\n[REDACTED:private_key]\ndone');
    expect(redactSecrets(`-----BEGIN ${'OPENSSH PRIVATE'} KEY-----\nb3BlbnNzaC1rZXktdjEA`).text).toBe('[REDACTED:private_key]');
  });

  it('removes the password of a connection string and keeps user and host', () => {
    expect(redactSecrets('postgres://app:hunter2@db.internal:5432/app').text).toBe('postgres://app:[REDACTED:password]@db.internal:5432/app');
    expect(redactSecrets('Server=db;User Id=sa;Password=P@ssw0rd;').text).toBe('Server=db;User Id=sa;Password=[REDACTED:password];');
  });

  it('removes values of .env-style and config assignments with secret-looking names', () => {
    const env = 'PASSWORD=hunter\nSECRET=abc\nTOKEN=t0ken-value\nAPI_KEY=k3y\nexport DB_PASSWORD="two words"\nDEBUG=true\nPORT=3000';
    expect(redactSecrets(env).text).toBe('PASSWORD=[REDACTED:password]\nSECRET=[REDACTED:secret]\nTOKEN=[REDACTED:secret]\nAPI_KEY=[REDACTED:secret]\nexport DB_PASSWORD="[REDACTED:password]"\nDEBUG=true\nPORT=3000');
    expect(redactSecrets('password: hunter2').text).toBe('password: [REDACTED:password]');
    expect(redactSecrets('{"client_secret": "abc123xyz"}').text).toBe('{"client_secret": "[REDACTED:secret]"}');
    expect(redactSecrets('const apiKey = "s3cr3t-value";').text).toBe('const apiKey = "[REDACTED:secret]";');
  });

  it('leaves code that only handles secrets alone', () => {
    for (const code of [
      'interface Creds { password: string; token: string }',
      'const token = getToken();',
      'const apiKey = process.env.API_KEY;',
      'api_key = os.environ["API_KEY"]',
      'max_tokens: 2048',
      'author: "Jane Doe"',
      'password_file: /run/secrets/db',
      'const url = `${base}?token=${token}`;',
    ]) expect(redactSecrets(code)).toEqual({ text: code, counts: {}, total: 0 });
  });

  it('is idempotent and never grows a secret back', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...SECRETS.map(([, s]) => s), 'plain words', 'x = 1;', '\n', 'PASSWORD=abc'), { maxLength: 8 }), (parts) => {
      const once = redactSecrets(parts.join(' '));
      expect(redactSecrets(once.text).text).toBe(once.text);
      for (const [, secret] of SECRETS) expect(once.text).not.toContain(secret);
    }));
  });
});
