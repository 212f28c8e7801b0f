// Redaction of GitLab, npm and Azure storage keys, and of keys hidden by zero-width or full-width characters (the text around them stays as typed).
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../main/pipeline/redact.js';

// Fake secrets assembled at run time so secret scanners do not flag this file.
const j = (...parts: string[]): string => parts.join('');
const GITLAB = j('glpat', '-', 'xR4nd0mT0k3nV4lu3AbC');
const NPM = j('npm', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
const AZURE_KEY = j('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu', 'Fq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==');
const OPENAI = j('sk-', 'proj-', 'abcdefghijklmnopqrstuvwxyz0123456789');

/** Full-width forms of printable ASCII (what an IME or a copy from a rich-text page can produce). */
const fullWidth = (s: string): string => [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
/** Puts a zero-width character between every two characters. */
const zeroWidth = (s: string, zw = '\u200b'): string => [...s].join(zw);

describe('redaction of more providers', () => {
  it('replaces a GitLab personal access token', () => {
    const r = redactSecrets(`git clone https://oauth2:${GITLAB}@gitlab.com/x/y.git and ${GITLAB} again`);
    expect(r.text).toBe('git clone https://oauth2:[REDACTED:gitlab_token]@gitlab.com/x/y.git and [REDACTED:gitlab_token] again');
    expect(r.counts).toEqual({ gitlab_token: 2 });
  });

  it('replaces an npm access token, also in an .npmrc line', () => {
    expect(redactSecrets(`token ${NPM} here`).text).toBe('token [REDACTED:npm_token] here');
    expect(redactSecrets(`//registry.npmjs.org/:_authToken=${NPM}`).text).toBe('//registry.npmjs.org/:_authToken=[REDACTED:npm_token]');
  });

  it('replaces the AccountKey of an Azure storage connection string and keeps the rest', () => {
    const cs = `DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`;
    const r = redactSecrets(cs);
    expect(r.text).toBe('DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=[REDACTED:azure_storage_key];EndpointSuffix=core.windows.net');
    expect(r.counts).toEqual({ azure_storage_key: 1 });
  });

  it('leaves near misses alone', () => {
    for (const text of ['glpat- short', 'npm_install is a word', 'npm_config_cache=/tmp/x', 'AccountKey=', 'AccountKey=<your key>', 'the accountKey field']) {
      expect(redactSecrets(text)).toEqual({ text, counts: {}, total: 0 });
    }
  });
});

describe('keys hidden by zero-width or full-width characters', () => {
  it('finds a key with zero-width spaces between its characters and replaces all of it', () => {
    for (const zw of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']) {
      const r = redactSecrets(`use ${zeroWidth(OPENAI, zw)} now`);
      expect(r.text).toBe('use [REDACTED:openai_key] now');
      expect(r.counts).toEqual({ openai_key: 1 });
    }
  });

  it('finds a key typed in full-width characters', () => {
    expect(redactSecrets(`key: ${fullWidth(OPENAI)}.`).text).toBe('key: [REDACTED:openai_key].');
    expect(redactSecrets(fullWidth(GITLAB)).text).toBe('[REDACTED:gitlab_token]');
  });

  it('keeps every character outside the key exactly as typed, full-width and zero-width ones included', () => {
    const before = 'ｗｒｉｔｅ\u200b a ｆｕｎｃｔｉｏｎ ① ﬁle ';
    const after = ' \u200bｔｈｅｎ ｓｔｏｐ ｅ\u0301';
    expect(redactSecrets(`${before}${zeroWidth(fullWidth(OPENAI))}${after}`).text).toBe(`${before}[REDACTED:openai_key]${after}`);
  });

  it('finds a hidden secret name and masks only its value', () => {
    expect(redactSecrets(`PASS\u200bWORD=hunter2x\nport=80`).text).toBe('PASS\u200bWORD=[REDACTED:password]\nport=80');
    expect(redactSecrets(`${fullWidth('password')}: ${fullWidth('s3cr3t!!')}`).text).toBe(`${fullWidth('password')}: [REDACTED:password]`);
    expect(redactSecrets(`postgres://app:${zeroWidth('hunter2')}@db:5432/app`).text).toBe('postgres://app:[REDACTED:password]@db:5432/app');
  });

  it('is idempotent on hidden keys', () => {
    const once = redactSecrets(`a ${zeroWidth(fullWidth(NPM))} b ${fullWidth(`Bearer ${'abcdefghijklmnopqrstu'}`)}`).text;
    expect(once).toBe(`a [REDACTED:npm_token] b ${fullWidth('Bearer ')}[REDACTED:bearer_token]`);
    expect(redactSecrets(once).text).toBe(once);
  });
});
