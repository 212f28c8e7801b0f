// The settings schema (zod) with the seed's defaults, and desktop-sane values where the seed's are wrong for a desktop app.
// Every setting has bounds (issue 18): the same schema validates an update (refused with CONFIG) and a stored row (the bad
// value is reset to its default with a warning). Error messages name the allowed range; describeIssues adds the path.
import { z } from 'zod';
import { DEFAULT_MODELS } from './models.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Not toLocaleString: its first call loads ICU's number formats (~40 ms of CPU while this module loads, before the
// app is ready to dictate: test/bench/suites/footprint.ts). Thousands commas on an integer's digits are enough here.
const fmt = (n: number): string => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : String(n));

/** A whole number in [min, max]; every failure says the allowed range. */
const int = (min: number, max: number, unit = ''): z.ZodNumber => {
  const error = `must be a whole number from ${fmt(min)} to ${fmt(max)}${unit}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
/** A delay or timeout in milliseconds. Short ones that are sub-second on purpose get a floor that still does its job. */
const ms = (min: number, max: number): z.ZodNumber => int(min, max, ' ms');
/** A repeating timer: at least 1 s (issue 18: a 0 ms report interval wrote 18,628 rows in 23 s). */
const every = (max: number, min = SECOND): z.ZodNumber => ms(Math.max(SECOND, min), max);
const ratio = (min = 0, max = 1): z.ZodNumber => {
  const error = `must be a number from ${min} to ${max}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
};
/** Text with a length cap: settings are stored and shown, never megabytes. */
const text = (max: number, min = 0): z.ZodString => {
  const error = min > 0 ? `must be text of ${min} to ${fmt(max)} characters` : `must be text of at most ${fmt(max)} characters`;
  return z.string({ error }).min(min, { error }).max(max, { error });
};
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, { error: `must hold at most ${fmt(max)} entries` });

/** A BCP-47 tag of the usual shapes: language (2-3 letters), optional script, optional region ("en", "zh-Hans-CN", "es-419"). */
export const BCP47 = /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?$/;
/** Spoken languages a user may pick: a hint list, not a catalogue. */
export const MAX_SPOKEN_LANGUAGES = 8;

/** Reports `lower` > `upper` on both fields, so a stored pair that does not fit is reset together and an update names both. */
function ordered<T extends Record<string, unknown>>(lower: keyof T & string, upper: keyof T & string, section: string) {
  return (value: T, ctx: z.core.$RefinementCtx<T>): void => {
    const lo = value[lower];
    const hi = value[upper];
    if (typeof lo !== 'number' || typeof hi !== 'number' || lo <= hi) return;
    ctx.addIssue({ code: 'custom', path: [lower], message: `must not be greater than ${section}.${upper} (${fmt(hi)})`, input: lo });
    ctx.addIssue({ code: 'custom', path: [upper], message: `must not be less than ${section}.${lower} (${fmt(lo)})`, input: hi });
  };
}

/** Order is checked only once both fields are valid, so one bad value is reset alone (not its partner with it). */
const ONLY_IF_VALID = { when: (payload: z.core.ParsePayload): boolean => payload.issues.length === 0 };

const budget = (name: string, targetMs: number, maxMs: number) =>
  z
    .object({ targetMs: ms(1, 10 * MINUTE).default(targetMs), maxMs: ms(1, 10 * MINUTE).default(maxMs) })
    .superRefine(ordered('targetMs', 'maxMs', `budgets.${name}`), ONLY_IF_VALID)
    .prefault({});

export const LANGUAGE_IDS = [
  'typescript', 'javascript', 'python', 'go', 'rust', 'java', 'kotlin', 'csharp', 'cpp', 'c',
  'sql', 'bash', 'powershell', 'ruby', 'php', 'swift', 'scala', 'html', 'css', 'json', 'yaml',
] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

export const geminiModelsSchema = z.object({
  /** Live transcription model (TEXT responses, inputAudioTranscription). */
  live: text(200, 1).default(DEFAULT_MODELS.live),
  /** Batch transcription of a recorded file by REST. */
  batchTranscribe: text(200, 1).default(DEFAULT_MODELS.batchTranscribe),
  /** Code generation, at the model's least thinking (models.ts). */
  codegen: text(200, 1).default(DEFAULT_MODELS.codegen),
  /** Optional model-assisted intent classification (bounded by the intent timeout). */
  intentAssist: text(200, 1).default(DEFAULT_MODELS.intentAssist),
});
export type GeminiModels = z.infer<typeof geminiModelsSchema>;

export const geminiInstanceSchema = z.object({
  name: text(100, 1),
  apiKey: text(500, 1).optional(),
  baseUrl: z.url({ error: 'must be an http(s) URL' }).max(2_048, { error: 'must be a URL of at most 2,048 characters' }).optional(),
  models: geminiModelsSchema.partial().optional(),
  weight: ratio(0.01, 100).default(1),
});
export type GeminiInstance = z.infer<typeof geminiInstanceSchema>;

export const OUTPUT_STYLE_IDS = ['code', 'shell', 'markdown'] as const;

/** One user profile rule: match app name or class and/or title → language, output style, paste, a prompt line. */
export const profileRuleSchema = z
  .object({
    name: text(60, 1),
    app: text(200, 1).optional(),
    title: text(200, 1).optional(),
    language: z.enum(LANGUAGE_IDS).optional(),
    style: z.enum(OUTPUT_STYLE_IDS).optional(),
    paste: z.enum(['auto', 'off']).optional(),
    shortcut: text(100, 1).optional(),
    prompt: text(300, 1).optional(),
  })
  .refine((r) => r.app !== undefined || r.title !== undefined, { error: 'needs an app or a title pattern' });
export type ProfileRuleSetting = z.infer<typeof profileRuleSchema>;

export const settingsSchema = z.object({
  gemini: z
    .object({
      instances: list(geminiInstanceSchema, 16).default([]),
      models: geminiModelsSchema.prefault({}),
      strategy: z.enum(['least-outstanding', 'round-robin']).default('least-outstanding'),
      temperature: ratio(0, 2).default(0.2),
      maxOutputTokens: int(1, 65_536).default(2048),
      retry: z
        .object({ maxAttempts: int(1, 10).default(3), baseDelayMs: ms(0, MINUTE).default(250), maxDelayMs: ms(0, 5 * MINUTE).default(20_000) })
        .superRefine(ordered('baseDelayMs', 'maxDelayMs', 'gemini.retry'), ONLY_IF_VALID)
        .prefault({}),
      /** The SDK's live.connect can hang when the server closes before setupComplete: we race it. */
      connectTimeoutMs: ms(250, 2 * MINUTE).default(5_000),
      breaker: z
        // cooldownMs 0 lets the next call through at once (the fault tests use it); it is a wait, not a timer.
        .object({ failureThreshold: int(1, 1_000).default(3), cooldownMs: ms(0, HOUR).default(30_000) })
        .prefault({}),
    })
    .prefault({}),
  pool: z
    .object({
      // The seed's server profile is min 5 / max 50; 50 Live sessions would exhaust a user's quota,
      // so the desktop keeps one warm session and grows to four under bursts. The seed's 50 stays the ceiling.
      min: int(0, 50).default(1),
      max: int(1, 50).default(4),
      acquireTimeoutMs: ms(100, 5 * MINUTE).default(30_000),
      idleTimeoutMs: ms(SECOND, DAY).default(300_000),
      // Google ends a Live connection after about 10 minutes (goAway first); rotate well before.
      maxLifetimeMs: ms(10 * SECOND, HOUR).default(540_000),
      maintenanceIntervalMs: every(HOUR).default(10_000),
    })
    .superRefine(ordered('min', 'max', 'pool'), ONLY_IF_VALID)
    .prefault({}),
  cache: z
    .object({
      enabled: z.boolean().default(true),
      l1: z.object({ maxBytes: int(1, 4 * 1024 ** 3, ' bytes').default(100 * 1024 * 1024), ttlMs: ms(SECOND, 7 * DAY).default(60_000) }).prefault({}),
      l2: z
        .object({
          url: text(2_048).optional(),
          prefix: text(100).default('vcg:'),
          ttlMs: ms(SECOND, 30 * DAY).default(300_000),
          breakerCooldownMs: ms(100, HOUR).default(10_000),
          commandTimeoutMs: ms(10, MINUTE).default(250),
        })
        .prefault({}),
      l3: z.object({ ttlMs: ms(SECOND, 365 * DAY).default(3_600_000), pruneIntervalMs: every(DAY).default(600_000) }).prefault({}),
      /** The seed's result TTL: caps each tier's own TTL. */
      resultTtlMs: ms(SECOND, 365 * DAY).default(300_000),
      compressThresholdBytes: int(1, 1024 ** 3, ' bytes').default(16 * 1024),
    })
    .prefault({}),
  store: z
    .object({
      readConnections: int(1, 8).default(2),
      busyRetries: int(0, 20).default(5),
      busyBaseDelayMs: ms(1, 5 * SECOND).default(10),
      busyMaxDelayMs: ms(1, MINUTE).default(500),
      queryCacheEntries: int(0, 10_000).default(200),
    })
    .superRefine(ordered('busyBaseDelayMs', 'busyMaxDelayMs', 'store'), ONLY_IF_VALID)
    .prefault({}),
  monitor: z
    .object({
      memory: z
        .object({ warning: ratio(0.1, 1).default(0.8), critical: ratio(0.1, 1).default(0.9), intervalMs: every(HOUR).default(30_000), fastIntervalMs: every(HOUR).default(5_000) })
        .superRefine(ordered('warning', 'critical', 'monitor.memory'), ONLY_IF_VALID)
        .prefault({}),
      dashboardIntervalMs: every(HOUR).default(30_000),
      // A report is a row in SQLite: more than one a minute only fills the disk.
      reportIntervalMs: every(7 * DAY, MINUTE).default(3_600_000),
      responseTimeAlertMs: ms(10, 10 * MINUTE).default(2_000),
      errorRateAlert: ratio(0.001, 1).default(0.05),
      errorWindowMs: ms(SECOND, DAY).default(300_000),
      alertCooldownMs: ms(0, DAY).default(300_000),
      dailyTokenCap: int(1, 1e12).nullable().default(null),
    })
    .prefault({}),
  budgets: z
    .object({
      transcription: budget('transcription', 500, 1000),
      intent: budget('intent', 200, 500),
      generation: budget('generation', 1500, 3000),
      total: budget('total', 2000, 4000),
    })
    .prefault({}),
  hotkey: z
    .object({
      accelerator: text(100, 1).default('CommandOrControl+Shift+Space'),
      mode: z.enum(['push-to-talk', 'toggle']).default('push-to-talk'),
      /** Forces edit mode on the selection ('' turns it off). Free in VS Code's, JetBrains' and Sublime's default keymaps and on each OS (main/hosts/electron/README.md). */
      editAccelerator: text(100).default('CommandOrControl+Alt+Shift+Space'),
    })
    .prefault({}),
  language: z
    .object({
      default: z.enum(LANGUAGE_IDS).default('typescript'),
      /** The languages the user speaks, as BCP-47 codes (Live's inputAudioTranscription.languageCodes); empty: detect. */
      spoken: list(z.string().regex(BCP47, { error: 'must be a BCP-47 language code such as en-US, fr or pt-BR' }), MAX_SPOKEN_LANGUAGES)
        .refine((codes) => new Set(codes.map((c) => c.toLowerCase())).size === codes.length, { error: 'must not name a language twice' })
        .default([]),
    })
    .prefault({}),
  output: z
    .object({
      mode: z.enum(['clipboard', 'paste', 'both']).default('clipboard'),
      copyFullAnswer: z.boolean().default(false),
      // terminalApps and appOverrides became profiles.rules (load.ts migrates stored ones).
      // Espanso restores after 300 ms by default; Electron editors on a busy machine read the clipboard later than that.
      restoreDelayMs: ms(50, 10 * SECOND).default(500),
    })
    .prefault({}),
  /** The desktop overlay: how long a result stays before it hides by itself (0: until dismissed or the next dictation). */
  overlay: z.object({ autoHideSeconds: int(0, 120).default(5) }).prefault({}),
  /**
   * App profiles (main/profiles): the user's rules come before the built-in ones (terminal, editor, chat). Patterns are
   * '*' globs of at most 200 characters, matched in linear time; an app pattern without '*' names an app whole.
   */
  profiles: z
    .object({
      rules: list(profileRuleSchema, 400).default([]),
      /** Send the focused window's title to Gemini (redacted like clipboard context); off: app and file stay local. */
      sendWindowTitle: z.boolean().default(false),
    })
    .prefault({}),
  privacy: z
    // No keepAudio: recorded audio is never kept (a stored keepAudio from older versions is dropped on load).
    .object({ clipboardContext: z.boolean().default(false), projectVocabulary: z.boolean().default(false), noticeAccepted: z.boolean().default(false) })
    .prefault({}),
  speculation: z
    .object({
      enabled: z.boolean().default(true),
      /** The partial must stay the same this long... (a floor, so not every partial starts a Gemini call) */
      stableMs: ms(20, 5 * SECOND).default(50),
      /** ...and the microphone must have been quiet this long (the speaker paused), so mid-sentence partials are not guessed at. */
      pauseMs: ms(20, 5 * SECOND).default(150),
      minConfidence: ratio().default(0.6),
    })
    .prefault({}),
  vocabulary: z.object({ projectDir: text(4_096).optional(), maxTerms: int(0, 1000).default(100) }).prefault({}),
  intent: z.object({ assistBelowConfidence: ratio().default(0.45), timeoutMs: ms(10, 5 * SECOND).default(500) }).prefault({}),
  /** The syntax check of every answer (main/quality): on by default, and one automatic repair request when the code does not parse. */
  quality: z.object({ check: z.boolean().default(true), repair: z.boolean().default(true) }).prefault({}),
  app: z
    .object({ dataDir: text(4_096).optional(), port: int(0, 65_535).default(0), startHidden: z.boolean().default(false), launchAtLogin: z.boolean().default(false) })
    .prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

/** Settings that run a repeating timer: none may be shorter than 1 s (checked by the settings property test). */
export const REPEATING_INTERVALS = [
  ['monitor', 'dashboardIntervalMs'],
  ['monitor', 'reportIntervalMs'],
  ['monitor', 'memory', 'intervalMs'],
  ['monitor', 'memory', 'fastIntervalMs'],
  ['pool', 'maintenanceIntervalMs'],
  ['cache', 'l3', 'pruneIntervalMs'],
] as const;
