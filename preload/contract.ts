// The one contract between main and the renderer (Electron IPC and the web host's WebSocket): channels, zod schemas, inferred types.
import { z } from 'zod';

export const INTENT_NAMES = [
  'generate_function', 'generate_class', 'generate_test', 'generate_regex', 'generate_sql', 'generate_shell',
  'explain', 'refactor', 'fix_error', 'convert_language', 'add_types', 'document', 'generic',
] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

export const QUICK_COMMANDS = ['explain', 'add_types', 'generate_test', 'fix_error', 'convert_language', 'document'] as const;
export type QuickCommand = (typeof QUICK_COMMANDS)[number];

const requestId = z.number().int().positive();
const shortText = z.string().max(10_000);

export const stageTimingsSchema = z.object({
  transcription: z.number().nonnegative().optional(),
  intent: z.number().nonnegative().optional(),
  generation: z.number().nonnegative().optional(),
  total: z.number().nonnegative().optional(),
  /** Time spent waiting for a retry Gemini asked for (RetryInfo): its own stage, outside the budgets and `total`. */
  waiting: z.number().nonnegative().optional(),
});
export type StageTimings = z.infer<typeof stageTimingsSchema>;

export const slotsSchema = z.object({
  language: z.string().optional(),
  name: z.string().optional(),
  framework: z.string().optional(),
  target_language: z.string().optional(),
});
export type IntentSlots = z.infer<typeof slotsSchema>;

export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  retryAfterMs: z.number().optional(),
  /** Facts the error table shows in plain words (main/core/errors.ts ErrorInfo). */
  info: z
    .object({
      host: z.string().max(300).optional(),
      model: z.string().max(300).optional(),
      since: z.number().optional(),
      retryAt: z.number().optional(),
      cause: z.string().max(40).optional(),
      google: z.string().max(300).optional(),
    })
    .optional(),
});
export type AppErrorPayload = z.infer<typeof appErrorSchema>;

/** Edit by voice: the selected text a request changes (at most 64 KB of UTF-8; larger is a clear error). */
export const EDIT_SELECTION_MAX_BYTES = 65_536;
export const editTargetSchema = z
  .object({
    /** The selected text, exactly as captured (line endings and indentation kept). */
    selection: z.string().max(EDIT_SELECTION_MAX_BYTES),
    /** The selection's language when the caller knows it (editor pane, file extension, profile). */
    language: z.string().max(40).optional(),
    /** The app the selection is in, for "editing 14 lines in APP". */
    app: z.string().max(200).optional(),
  })
  .strict();
export type EditTarget = z.infer<typeof editTargetSchema>;

/** What the overlay's (or a result area's) buttons ask main to do with a finished result. */
export const RESULT_ACTIONS = ['paste', 'apply', 'copy', 'open-main', 'dismiss'] as const;
export type ResultAction = (typeof RESULT_ACTIONS)[number];

export const cachedInfoSchema = z.object({ tier: z.enum(['l1', 'l2', 'l3']), ageMs: z.number().nonnegative() });

/** The syntax check of a result's code (main/quality): parses, errors (positions), wrong language, or not checked. */
export const codeCheckSchema = z.object({
  status: z.enum(['ok', 'errors', 'wrong-language', 'not-checked']),
  /** The language asked for. */
  language: z.string(),
  /** wrong-language: what it parses as. */
  parsesAs: z.string().optional(),
  errors: z.array(z.object({ line: z.number().int(), column: z.number().int(), message: z.string() })).max(20),
  errorCount: z.number().int().nonnegative(),
  reason: z.string().optional(),
  /** A repair request was made (at most one per result); the check describes the code after it. */
  repaired: z.boolean(),
  /** What the first answer's check found, when it was repaired. */
  before: z.object({ status: z.string(), errorCount: z.number().int().nonnegative(), parsesAs: z.string().optional() }).optional(),
});
export type CodeCheck = z.infer<typeof codeCheckSchema>;

export const resultSchema = z.object({
  code: z.string(),
  language: z.string(),
  answer: z.string(),
  intent: z.enum(INTENT_NAMES),
  transcript: z.string(),
  /** false when the model stopped early (MAX_TOKENS, SAFETY, RECITATION): never present or copy as complete. */
  complete: z.boolean(),
  finishReason: z.string(),
  cached: cachedInfoSchema.nullable(),
  historyId: z.number().int().nullable(),
  timings: stageTimingsSchema,
  copied: z.boolean().optional(),
  /** The syntax check; absent when checking is off (settings quality.check, the CLI's --no-check). */
  check: codeCheckSchema.optional(),
  /** An edit: the selection before and its full replacement after (what Apply pastes over the selection). */
  edit: z.object({ before: z.string(), after: z.string(), app: z.string().optional() }).optional(),
});
export type PipelineResult = z.infer<typeof resultSchema>;

export const pipelineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening') }),
  z.object({ type: z.literal('transcript.partial'), text: z.string() }),
  z.object({ type: z.literal('transcript.final'), text: z.string() }),
  z.object({ type: z.literal('intent'), intent: z.enum(INTENT_NAMES), slots: slotsSchema, confidence: z.number() }),
  z.object({ type: z.literal('code.chunk'), text: z.string() }),
  /** An edit request started: the selection it changes (the diff view shows before against the streamed code). */
  z.object({ type: z.literal('edit'), before: z.string(), lines: z.number().int().nonnegative(), app: z.string().optional() }),
  z.object({ type: z.literal('result'), result: resultSchema }),
  z.object({ type: z.literal('error'), error: appErrorSchema }),
  z.object({ type: z.literal('timings'), stages: stageTimingsSchema }),
  /** The request waits for an automatic retry until `until` (epoch ms): sent before the wait starts. */
  z.object({ type: z.literal('waiting'), stage: z.enum(['transcription', 'generation']), until: z.number(), delayMs: z.number().nonnegative(), reason: appErrorSchema }),
]);
export type PipelineEvent = z.infer<typeof pipelineEventSchema>;

export const historyEntrySchema = z.object({
  id: z.number().int(),
  createdAt: z.number(),
  /** 'interrupted': the app stopped while this request was running (marked at the next start). */
  status: z.enum(['pending', 'done', 'failed', 'interrupted']).optional(),
  transcript: z.string(),
  intent: z.string().nullable(),
  language: z.string().nullable(),
  code: z.string().nullable(),
  answer: z.string().nullable().optional(),
  timings: stageTimingsSchema.nullable(),
  cachedTier: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  check: codeCheckSchema.nullable().optional(),
  /** How many requests this answer served (cache hits repeat the entry instead of adding a copy), and the last one. */
  uses: z.number().int().optional(),
  lastUsedAt: z.number().nullable().optional(),
  /** An edit's selection before and its replacement after (both redacted); absent or null for new code. */
  edit: z.object({ before: z.string(), after: z.string(), app: z.string().optional() }).nullable().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const appInfoSchema = z.object({
  host: z.enum(['electron', 'web']),
  version: z.string(),
  simulated: z.boolean(),
  hasApiKey: z.boolean(),
  hotkey: z.string(),
  hotkeyMode: z.enum(['push-to-talk', 'toggle']),
  /** Why this is not a desktop window, when host is web. */
  note: z.string().optional(),
  dataDirNotice: z.string().optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Settings as the renderer sees them: keys are never sent, only whether one is set. */
export const publicSettingsSchema = z.record(z.string(), z.unknown());

/** Request/response methods: params schema and result schema for each. */
export const methods = {
  'app.info': { params: z.object({}).strict(), result: appInfoSchema },
  'dictation.start': { params: z.object({ intent: z.enum(INTENT_NAMES).optional(), language: z.string().max(40).optional(), edit: editTargetSchema.optional() }).strict(), result: z.object({ requestId }) },
  'dictation.stop': { params: z.object({ requestId }).strict(), result: z.object({ ok: z.boolean() }) },
  'request.cancel': { params: z.object({ requestId }).strict(), result: z.object({ ok: z.boolean() }) },
  'request.text': {
    params: z.object({ text: z.string().min(1).max(100_000), language: z.string().max(40).optional(), intent: z.enum(INTENT_NAMES).optional(), noCache: z.boolean().optional(), edit: editTargetSchema.optional() }).strict(),
    result: z.object({ requestId }),
  },
  // clipboard: browser mode, where the page read the clipboard on the user's click (with the browser's permission);
  // absent, main reads the system clipboard (Electron). Capped like main's own read (1 M characters).
  'request.quick': { params: z.object({ command: z.enum(QUICK_COMMANDS), targetLanguage: z.string().max(40).optional(), clipboard: z.string().max(1_000_000).optional(), selection: z.string().max(EDIT_SELECTION_MAX_BYTES).optional() }).strict(), result: z.object({ requestId }) },
  // The overlay's buttons (paste, apply an edit, copy, open in the main window, dismiss); hosts without a desktop
  // answer NOT_AVAILABLE for the ones they cannot do.
  'result.action': { params: z.object({ requestId, action: z.enum(RESULT_ACTIONS) }).strict(), result: z.object({ ok: z.boolean(), message: z.string().max(300).optional() }) },
  'history.search': { params: z.object({ query: shortText.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }).strict(), result: z.object({ entries: z.array(historyEntrySchema), total: z.number().int() }) },
  'history.get': { params: z.object({ id: z.number().int() }).strict(), result: historyEntrySchema.nullable() },
  'history.delete': { params: z.object({ id: z.number().int() }).strict(), result: z.object({ ok: z.boolean() }) },
  'history.clear': { params: z.object({}).strict(), result: z.object({ ok: z.boolean() }) },
  'history.export': { params: z.object({}).strict(), result: z.object({ json: z.string() }) },
  'settings.get': { params: z.object({}).strict(), result: publicSettingsSchema },
  'settings.update': { params: z.object({ patch: z.record(z.string(), z.unknown()) }).strict(), result: publicSettingsSchema },
  'settings.setApiKey': { params: z.object({ instance: z.string().min(1).max(100).default('default'), apiKey: z.string().min(1).max(500) }).strict(), result: z.object({ ok: z.boolean(), stored: z.enum(['encrypted', 'memory']), verified: z.boolean().optional(), note: z.string().optional() }) },
  // The shared Redis cache's team secret: stored like API keys (keychain or this session), never sent back.
  'settings.setTeamSecret': {
    params: z.object({ secret: z.string().min(1).max(1024) }).strict(),
    result: z.object({ ok: z.boolean(), stored: z.enum(['encrypted', 'memory']), sharedCache: z.object({ enabled: z.boolean(), secret: z.enum(['env', 'encrypted', 'memory', 'none']), message: z.string() }) }),
  },
  'dashboard.get': { params: z.object({}).strict(), result: z.record(z.string(), z.unknown()) },
  // 1 M characters: larger than any answer, and its JSON (at most ~6 MB escaped) fits the WebSocket's 8 MB frame limit.
  'clipboard.copy': { params: z.object({ text: z.string().max(1_000_000) }).strict(), result: z.object({ ok: z.boolean() }) },
} as const;

export type MethodName = keyof typeof methods;
export type MethodParams<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

/** Events pushed from main to the renderer. */
export const events = {
  'pipeline.event': z.object({ requestId, event: pipelineEventSchema }),
  'dashboard.update': z.record(z.string(), z.unknown()),
  'memory.state': z.object({ level: z.enum(['normal', 'warning', 'critical']), usage: z.number(), message: z.string().optional() }),
  alert: z.object({ severity: z.enum(['WARNING', 'CRITICAL']), message: z.string(), at: z.number() }),
  'hotkey.state': z.object({ state: z.enum(['down', 'up', 'cancel']) }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** The renderer's only door to main, over IPC or WebSocket. */
export interface Api {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  /** Sends a chunk of 16 kHz mono PCM16 for a dictation request (binary, never JSON numbers). */
  sendAudio(requestId: number, pcm16: ArrayBuffer): void;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Binary audio frame on the WebSocket: 4-byte little-endian request id, then PCM16 bytes. */
export const AUDIO_FRAME_HEADER_BYTES = 4;

export function encodeAudioFrame(requestIdValue: number, pcm16: ArrayBuffer): ArrayBuffer {
  const out = new Uint8Array(AUDIO_FRAME_HEADER_BYTES + pcm16.byteLength);
  new DataView(out.buffer).setUint32(0, requestIdValue, true);
  out.set(new Uint8Array(pcm16), AUDIO_FRAME_HEADER_BYTES);
  return out.buffer;
}

export function decodeAudioFrame(frame: Uint8Array): { requestId: number; pcm16: Uint8Array } | null {
  if (frame.byteLength < AUDIO_FRAME_HEADER_BYTES || (frame.byteLength - AUDIO_FRAME_HEADER_BYTES) % 2 !== 0) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const id = view.getUint32(0, true);
  if (id === 0) return null;
  return { requestId: id, pcm16: frame.subarray(AUDIO_FRAME_HEADER_BYTES) };
}

/** WebSocket text messages. */
export const wsClientMessageSchema = z.object({ id: z.number().int().nonnegative(), method: z.string().max(100), params: z.unknown() }).strict();
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;
export type WsServerMessage =
  | { kind: 'response'; id: number; result: unknown }
  | { kind: 'response'; id: number; error: AppErrorPayload }
  | { kind: 'event'; event: EventName; payload: unknown };

/** Electron IPC channels: one invoke channel per method, one channel for events, one for audio. */
export const IPC_INVOKE_PREFIX = 'vcg:call:';
export const IPC_EVENT_CHANNEL = 'vcg:event';
export const IPC_AUDIO_CHANNEL = 'vcg:audio';

export function isMethodName(value: string): value is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, value);
}
