// Redacts secrets before text leaves the machine or is stored (prompts, history, the shared Redis tier): keys, tokens, passwords.

export type SecretKind =
  | 'private_key' | 'google_api_key' | 'anthropic_key' | 'openai_key' | 'github_token' | 'aws_access_key' | 'slack_token'
  | 'slack_webhook' | 'stripe_key' | 'jwt' | 'bearer_token' | 'password' | 'secret';

export interface Redaction {
  text: string;
  /** How many of each kind were replaced. */
  counts: Partial<Record<SecretKind, number>>;
  total: number;
}

const mark = (kind: SecretKind): string => `[REDACTED:${kind}]`;

/**
 * Provider formats, most specific first (an Anthropic key also looks like an OpenAI one). Bounds
 * are lookarounds rather than \b because keys contain '-' and '_'.
 */
const TOKEN_PATTERNS: ReadonlyArray<readonly [SecretKind, RegExp]> = [
  ['private_key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g],
  ['google_api_key', /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g],
  ['anthropic_key', /(?<![\w-])sk-ant-[A-Za-z0-9_-]{20,}/g],
  ['openai_key', /(?<![\w-])sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g],
  ['github_token', /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g],
  ['aws_access_key', /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g],
  ['slack_webhook', /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g],
  ['slack_token', /(?<![\w-])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}/g],
  ['stripe_key', /(?<![\w-])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g],
  ['jwt', /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g],
  ['bearer_token', /(?<=\bBearer\s+)(?!\[REDACTED)[A-Za-z0-9._~+/-]{16,}=*/g],
];

/** scheme://user:password@host: the password goes, the user and host stay (they say which database). */
const CONNECTION_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi;

/** Words in names that hold secrets in .env files, configs and code. */
const SECRET_WORD = /password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|authorization|auth[_-]?(?:token|key)/i;
/** Names that contain a secret word but hold something else (token_count, password_file, max_tokens). */
const NOT_SECRET_NAME = /(?:count|limit|length|len|size|type|types|url|uri|endpoint|file|path|name|id|ttl|expiry|expires(?:_?in)?|header|field|prompt|policy|tokens|regex|pattern|hash|hint|label)$|^(?:max|min|num|n)[_-]?/i;
/*
 * Assignments match any name and the callback checks it for a secret word: a name pattern with
 * the secret word inside backtracks quadratically on long runs of letters (100 KB took 2.8 s).
 * A name starts after a non-name character, so each position is tried once.
 */
/** NAME = "value" / NAME: 'value' / "name": "value" (quoted: always a literal). */
const QUOTED_ASSIGNMENT = /(?<![\w.-])(["']?)([A-Za-z_][\w.-]{0,80})\1(\s*[:=]\s*)(["'`])([^"'`\n]+)\4/g;
/** NAME=value / name: value, unquoted, as in .env files, YAML and connection strings ("Password=x;"). */
const BARE_ASSIGNMENT = /(^|[\s;,{(]|export\s+)([A-Za-z_][\w.-]{0,80})(\s*[:=]\s*)([^\s'"`;,]+)/gim;

function isSecretName(name: string): boolean {
  return SECRET_WORD.test(name) && !NOT_SECRET_NAME.test(name);
}

/**
 * Replaces secrets with [REDACTED:kind]. Idempotent: redacted text redacts to itself. Code that
 * reads a secret (`token = getToken()`, `password: string`) is left alone; literals are not.
 */
export function redactSecrets(text: string): Redaction {
  const counts: Partial<Record<SecretKind, number>> = {};
  const count = (kind: SecretKind): void => {
    counts[kind] = (counts[kind] ?? 0) + 1;
  };
  let out = text;
  for (const [kind, re] of TOKEN_PATTERNS) {
    out = out.replace(re, () => {
      count(kind);
      return mark(kind);
    });
  }
  out = out.replace(CONNECTION_PASSWORD, (all, head: string, password: string, at: string) => {
    if (password.startsWith('[REDACTED') || password.startsWith('$')) return all;
    count('password');
    return `${head}${mark('password')}${at}`;
  });
  out = out.replace(QUOTED_ASSIGNMENT, (all, q: string, name: string, sep: string, quote: string, value: string) => {
    if (!isSecretName(name) || !isLiteralSecret(value, true)) return all;
    const kind = secretKind(name);
    count(kind);
    return `${q}${name}${q}${sep}${quote}${mark(kind)}${quote}`;
  });
  out = out.replace(BARE_ASSIGNMENT, (all, lead: string, name: string, sep: string, value: string) => {
    const envStyle = sep === '=' && /^[A-Z][A-Z0-9_]*$/.test(name);
    if (!isSecretName(name) || !isLiteralSecret(value, envStyle)) return all;
    const kind = secretKind(name);
    count(kind);
    return `${lead}${name}${sep}${mark(kind)}`;
  });
  const total = Object.values(counts).reduce((s, n) => s + (n ?? 0), 0);
  return { text: out, counts, total };
}

function secretKind(name: string): SecretKind {
  return /pass|pwd/i.test(name) ? 'password' : 'secret';
}

/** Values that are placeholders, references or code rather than a secret. */
const NOT_A_SECRET = /^(?:\[REDACTED|\$\{?|process\.env|os\.environ|env\(|getenv|<|%|\{\{|changeme$|xxx+$|\*+$|none$|null$|undefined$|true$|false$|string$|number$|str$|optional|required$|your[_-])/i;

/**
 * Quoted values and .env-style values are literals by construction; a bare value elsewhere
 * (YAML, connection strings) must look like one: no call or member access, and a digit or symbol.
 */
function isLiteralSecret(value: string, literal: boolean): boolean {
  const v = value.trim();
  if (v.length < 3 || NOT_A_SECRET.test(v) || /^\d{1,11}$/.test(v)) return false;
  if (literal) return !/\$\{/.test(v);
  if (/[()[\]]|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v)) return false;
  return /[0-9]/.test(v) || /[^A-Za-z]/.test(v) || v.length >= 12;
}
