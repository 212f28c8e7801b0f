// The settings schema (zod) with the seed's defaults, and desktop-sane values where the seed's are wrong for a desktop app.
import { z } from 'zod';

const ms = z.number().int().nonnegative();
const ratio = z.number().min(0).max(1);
const budget = (targetMs: number, maxMs: number) => z.object({ targetMs: ms.default(targetMs), maxMs: ms.default(maxMs) }).prefault({});

export const LANGUAGE_IDS = [
  'typescript', 'javascript', 'python', 'go', 'rust', 'java', 'kotlin', 'csharp', 'cpp', 'c',
  'sql', 'bash', 'powershell', 'ruby', 'php', 'swift', 'scala', 'html', 'css', 'json', 'yaml',
] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

export const geminiModelsSchema = z.object({
  /** Live transcription model (TEXT responses, inputAudioTranscription). */
  live: z.string().min(1).default('gemini-3.5-transcribe-live'),
  /** Batch transcription of a recorded file by REST. */
  batchTranscribe: z.string().min(1).default('gemini-3.5-transcribe'),
  /** Code generation, thinking off. */
  codegen: z.string().min(1).default('gemini-3.5-flash'),
  /** Optional model-assisted intent classification (bounded by the intent timeout). */
  intentAssist: z.string().min(1).default('gemini-3.5-flash-lite'),
});
export type GeminiModels = z.infer<typeof geminiModelsSchema>;

export const geminiInstanceSchema = z.object({
  name: z.string().min(1),
  apiKey: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
  models: geminiModelsSchema.partial().optional(),
  weight: z.number().positive().default(1),
});
export type GeminiInstance = z.infer<typeof geminiInstanceSchema>;

export const settingsSchema = z.object({
  gemini: z
    .object({
      instances: z.array(geminiInstanceSchema).default([]),
      models: geminiModelsSchema.prefault({}),
      strategy: z.enum(['least-outstanding', 'round-robin']).default('least-outstanding'),
      temperature: z.number().min(0).max(2).default(0.2),
      maxOutputTokens: z.number().int().positive().default(2048),
      retry: z
        .object({ maxAttempts: z.number().int().min(1).max(10).default(3), baseDelayMs: ms.default(250), maxDelayMs: ms.default(20_000) })
        .prefault({}),
      /** The SDK's live.connect can hang when the server closes before setupComplete: we race it. */
      connectTimeoutMs: ms.default(5_000),
      breaker: z
        .object({ failureThreshold: z.number().int().min(1).default(3), cooldownMs: ms.default(30_000) })
        .prefault({}),
    })
    .prefault({}),
  pool: z
    .object({
      // The seed's server profile is min 5 / max 50; 50 Live sessions would exhaust a user's quota,
      // so the desktop keeps one warm session and grows to four under bursts.
      min: z.number().int().min(0).default(1),
      max: z.number().int().min(1).default(4),
      acquireTimeoutMs: ms.default(30_000),
      idleTimeoutMs: ms.default(300_000),
      // Google ends a Live connection after about 10 minutes (goAway first); rotate well before.
      maxLifetimeMs: ms.default(540_000),
      maintenanceIntervalMs: ms.default(10_000),
    })
    .prefault({}),
  cache: z
    .object({
      enabled: z.boolean().default(true),
      l1: z.object({ maxBytes: z.number().int().positive().default(100 * 1024 * 1024), ttlMs: ms.default(60_000) }).prefault({}),
      l2: z
        .object({
          url: z.string().optional(),
          prefix: z.string().default('vcg:'),
          ttlMs: ms.default(300_000),
          breakerCooldownMs: ms.default(10_000),
          commandTimeoutMs: ms.default(250),
        })
        .prefault({}),
      l3: z.object({ ttlMs: ms.default(3_600_000), pruneIntervalMs: ms.default(600_000) }).prefault({}),
      /** The seed's result TTL: caps each tier's own TTL. */
      resultTtlMs: ms.default(300_000),
      compressThresholdBytes: z.number().int().positive().default(16 * 1024),
    })
    .prefault({}),
  store: z
    .object({
      readConnections: z.number().int().min(1).max(8).default(2),
      busyRetries: z.number().int().min(0).default(5),
      busyBaseDelayMs: ms.default(10),
      busyMaxDelayMs: ms.default(500),
      queryCacheEntries: z.number().int().min(0).default(200),
    })
    .prefault({}),
  monitor: z
    .object({
      memory: z
        .object({ warning: ratio.default(0.8), critical: ratio.default(0.9), intervalMs: ms.default(30_000), fastIntervalMs: ms.default(5_000) })
        .prefault({}),
      dashboardIntervalMs: ms.default(30_000),
      reportIntervalMs: ms.default(3_600_000),
      responseTimeAlertMs: ms.default(2_000),
      errorRateAlert: ratio.default(0.05),
      errorWindowMs: ms.default(300_000),
      alertCooldownMs: ms.default(300_000),
      dailyTokenCap: z.number().int().positive().nullable().default(null),
    })
    .prefault({}),
  budgets: z
    .object({
      transcription: budget(500, 1000),
      intent: budget(200, 500),
      generation: budget(1500, 3000),
      total: budget(2000, 4000),
    })
    .prefault({}),
  hotkey: z
    .object({ accelerator: z.string().min(1).default('CommandOrControl+Shift+Space'), mode: z.enum(['push-to-talk', 'toggle']).default('push-to-talk') })
    .prefault({}),
  language: z.object({ default: z.enum(LANGUAGE_IDS).default('typescript') }).prefault({}),
  output: z
    .object({
      mode: z.enum(['clipboard', 'paste', 'both']).default('clipboard'),
      copyFullAnswer: z.boolean().default(false),
      /** Window classes or process names treated as terminals, added to the built-in list (main/hosts/electron/insert/terminal-apps.ts). */
      terminalApps: z.array(z.string().min(1)).default([]),
      /** Apps where paste is off or uses another shortcut ("shift+insert"), matched by window class, process or app name. */
      appOverrides: z.array(z.object({ app: z.string().min(1), paste: z.boolean().default(true), shortcut: z.string().min(1).optional() })).default([]),
      // Espanso restores after 300 ms by default; Electron editors on a busy machine read the clipboard later than that.
      restoreDelayMs: ms.default(500),
    })
    .prefault({}),
  privacy: z
    .object({ keepAudio: z.boolean().default(false), clipboardContext: z.boolean().default(false), projectVocabulary: z.boolean().default(false), noticeAccepted: z.boolean().default(false) })
    .prefault({}),
  speculation: z
    .object({
      enabled: z.boolean().default(true),
      /** The partial must stay the same this long... */
      stableMs: ms.default(50),
      /** ...and the microphone must have been quiet this long (the speaker paused), so mid-sentence partials are not guessed at. */
      pauseMs: ms.default(150),
      minConfidence: ratio.default(0.6),
    })
    .prefault({}),
  vocabulary: z.object({ projectDir: z.string().optional(), maxTerms: z.number().int().min(0).max(1000).default(100) }).prefault({}),
  intent: z.object({ assistBelowConfidence: ratio.default(0.45), timeoutMs: ms.default(500) }).prefault({}),
  /** The syntax check of every answer (main/quality): on by default, and one automatic repair request when the code does not parse. */
  quality: z.object({ check: z.boolean().default(true), repair: z.boolean().default(true) }).prefault({}),
  app: z
    .object({ dataDir: z.string().optional(), port: z.number().int().min(0).max(65535).default(0), startHidden: z.boolean().default(false), launchAtLogin: z.boolean().default(false) })
    .prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
