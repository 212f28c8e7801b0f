// Request history: a row created at "transcript final" and filled in as each part becomes known, with FTS5 search, paging and export.
import { type Clock, systemClock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { Database, ReadQuery, WriteStatement } from './database.js';

/** 'interrupted': the app stopped (crash, kill, power loss) while the request was still pending. */
export type HistoryStatus = 'pending' | 'done' | 'failed' | 'interrupted';

export const INTERRUPTED_MESSAGE = 'Voice CodeGen stopped before this request finished (it was closed or crashed). Ask again to get the code.';

export interface HistoryStart {
  requestId: string;
  transcript: string;
  intent?: string;
  language?: string;
}

/** Whatever became known since the last update; fields left out keep their stored value. */
export interface HistoryPatch {
  status?: HistoryStatus;
  transcript?: string;
  intent?: string;
  language?: string;
  code?: string;
  /** Stage name -> milliseconds. */
  timings?: Record<string, number>;
  cached?: boolean;
  cacheTier?: string;
  error?: { code: string; message: string };
  /** Already compressed by the caller (the audio worker). */
  audio?: { data: Uint8Array; format: string };
  /** The syntax check's outcome and any repair (stored as JSON). */
  check?: StoredCheck;
  /** An edit: the selection before and its replacement after, redacted by the caller. */
  edit?: StoredEdit;
}

export interface StoredEdit {
  before: string;
  after: string;
  app?: string;
}

/** The contract's CodeCheck, as the store keeps it (the store does not validate its fields). */
export type StoredCheck = Record<string, unknown>;

export interface HistoryEntry {
  id: number;
  requestId: string;
  createdAt: number;
  updatedAt: number;
  status: HistoryStatus;
  transcript: string;
  intent: string | null;
  language: string | null;
  code: string | null;
  timings: Record<string, number> | null;
  cached: boolean;
  cacheTier: string | null;
  error: { code: string; message: string } | null;
  hasAudio: boolean;
  check: StoredCheck | null;
  /** An edit's before and after (null: the request wrote new code). */
  edit: StoredEdit | null;
  /** How many requests this answer served: 1, plus one per cache hit that repeated it. */
  uses: number;
  /** The last time a cache hit repeated it (null: never). */
  lastUsedAt: number | null;
}

/** What the prompt context and the vocabulary read of the latest entries. */
export interface RecentText {
  id: number;
  status: HistoryStatus;
  transcript: string;
  code: string | null;
}

export interface HistoryPage {
  items: HistoryEntry[];
  /** Pass back as `before` for the next (older) page; absent on the last page. */
  nextCursor: number | undefined;
}

interface Row {
  id: number;
  request_id: string;
  created_at: number;
  updated_at: number;
  status: HistoryStatus;
  transcript: string;
  intent: string | null;
  language: string | null;
  code: string | null;
  timings_json: string | null;
  cached: number;
  cache_tier: string | null;
  error_code: string | null;
  error_message: string | null;
  has_audio: number;
  check_json: string | null;
  edit_json: string | null;
  uses: number;
  last_used_at: number | null;
}

const columns = (p: string): string =>
  `${p}id, ${p}request_id, ${p}created_at, ${p}updated_at, ${p}status, ${p}transcript, ${p}intent, ${p}language, ${p}code, ${p}timings_json, ${p}cached, ${p}cache_tier, ${p}error_code, ${p}error_message, ${p}audio IS NOT NULL AS has_audio, ${p}check_json, ${p}edit_json, ${p}uses, ${p}last_used_at`;
const COLUMNS = columns('');
const MAX_PAGE = 200;

function toEntry(row: Row): HistoryEntry {
  let timings: Record<string, number> | null = null;
  if (row.timings_json) {
    try {
      timings = JSON.parse(row.timings_json) as Record<string, number>;
    } catch {
      timings = null;
    }
  }
  return {
    id: row.id,
    requestId: row.request_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status,
    transcript: row.transcript,
    intent: row.intent,
    language: row.language,
    code: row.code,
    timings,
    cached: row.cached === 1,
    cacheTier: row.cache_tier,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    hasAudio: row.has_audio === 1,
    check: parseCheck(row.check_json),
    edit: parseEdit(row.edit_json),
    uses: row.uses,
    lastUsedAt: row.last_used_at,
  };
}

function parseEdit(json: string | null): StoredEdit | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<StoredEdit> | null;
    return value && typeof value.before === 'string' && typeof value.after === 'string' ? { before: value.before, after: value.after, ...(typeof value.app === 'string' ? { app: value.app } : {}) } : null;
  } catch {
    return null;
  }
}

function parseCheck(json: string | null): StoredCheck | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as StoredCheck) : null;
  } catch {
    return null;
  }
}

/** Turns what a user typed into a safe FTS5 query: every word must match, as a prefix. */
export function toFtsQuery(text: string): string | undefined {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return words.slice(0, 16).map((w) => `"${w}"*`).join(' ');
}

function clampLimit(limit: number | undefined): number {
  return Math.max(1, Math.min(MAX_PAGE, Math.trunc(limit ?? 50)));
}

export class HistoryStore {
  private readonly insert: WriteStatement;
  private readonly patch: WriteStatement;
  private readonly byRequest: ReadQuery<Row>;
  private readonly byId: ReadQuery<Row>;
  private readonly pageFirst: ReadQuery<Row>;
  private readonly pageBefore: ReadQuery<Row>;
  private readonly pageAt: ReadQuery<Row>;
  private readonly total: ReadQuery<{ n: number }>;
  private readonly latestTexts: ReadQuery<RecentText>;
  private readonly clock: Clock;

  constructor(private readonly db: Database, options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
    this.insert = db.prepareWrite(
      `INSERT INTO history (request_id, created_at, updated_at, status, transcript, intent, language) VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
    );
    this.patch = db.prepareWrite(
      `UPDATE history SET updated_at = ?, status = coalesce(?, status), transcript = coalesce(?, transcript), intent = coalesce(?, intent),
        language = coalesce(?, language), code = coalesce(?, code), timings_json = coalesce(?, timings_json), cached = coalesce(?, cached),
        cache_tier = coalesce(?, cache_tier), error_code = coalesce(?, error_code), error_message = coalesce(?, error_message),
        audio = coalesce(?, audio), audio_format = coalesce(?, audio_format), check_json = coalesce(?, check_json), edit_json = coalesce(?, edit_json) WHERE request_id = ?`,
    );
    this.byRequest = db.prepareRead<Row>(`SELECT ${COLUMNS} FROM history WHERE request_id = ?`);
    this.byId = db.prepareRead<Row>(`SELECT ${COLUMNS} FROM history WHERE id = ?`);
    this.pageFirst = db.prepareRead<Row>(`SELECT ${COLUMNS} FROM history ORDER BY id DESC LIMIT ?`);
    this.pageBefore = db.prepareRead<Row>(`SELECT ${COLUMNS} FROM history WHERE id < ? ORDER BY id DESC LIMIT ?`);
    this.pageAt = db.prepareRead<Row>(`SELECT ${COLUMNS} FROM history ORDER BY id DESC LIMIT ? OFFSET ?`);
    this.total = db.prepareRead<{ n: number }>(`SELECT count(*) AS n FROM history`);
    this.latestTexts = db.prepareRead<RecentText>(`SELECT id, status, transcript, code FROM history ORDER BY id DESC LIMIT ?`);
  }

  /**
   * At start, before any request runs: rows still pending were cut off by a crash or kill. They are marked so that
   * history shows them as interrupted rather than forever in progress. Returns how many were marked.
   */
  async markInterrupted(signal?: AbortSignal): Promise<number> {
    const result = await this.db.run(
      `UPDATE history SET status = 'interrupted', updated_at = ?, error_code = coalesce(error_code, 'INTERRUPTED'), error_message = coalesce(error_message, ?) WHERE status = 'pending'`,
      [this.clock.now(), INTERRUPTED_MESSAGE],
      signal,
    );
    return result.changes;
  }

  /** Newest first from `offset` (the renderer's "show more"); pages of at most 200 reach every entry. */
  listAt(options: { offset?: number; limit?: number } = {}): { items: HistoryEntry[]; total: number } {
    const limit = clampLimit(options.limit);
    const offset = Math.max(0, Math.trunc(options.offset ?? 0));
    return { items: this.pageAt.all(limit, offset).map(toEntry), total: this.total.get()?.n ?? 0 };
  }

  /** Creates the row at "transcript final", so a failure later in the request still leaves a record. Returns its id. */
  async begin(start: HistoryStart, signal?: AbortSignal): Promise<number> {
    const now = this.clock.now();
    const result = await this.insert.run([start.requestId, now, now, start.transcript, start.intent ?? null, start.language ?? null], signal);
    return Number(result.lastInsertRowid);
  }

  /** Records what became known (intent, code, timings, error, ...). Unknown request ids are an error: begin() first. */
  async update(requestId: string, patch: HistoryPatch, signal?: AbortSignal): Promise<void> {
    // One statement for every kind of patch: a null parameter keeps the stored value (parts only
    // ever become known, never unknown), so it is prepared once.
    const status = patch.status ?? (patch.error ? 'failed' : null);
    const audio = patch.audio ? Buffer.from(patch.audio.data.buffer, patch.audio.data.byteOffset, patch.audio.data.byteLength) : null;
    const result = await this.patch.run(
      [
        this.clock.now(),
        status,
        patch.transcript ?? null,
        patch.intent ?? null,
        patch.language ?? null,
        patch.code ?? null,
        patch.timings === undefined ? null : JSON.stringify(patch.timings),
        patch.cached === undefined ? null : patch.cached ? 1 : 0,
        patch.cacheTier ?? null,
        patch.error?.code ?? null,
        patch.error?.message ?? null,
        audio,
        patch.audio?.format ?? null,
        patch.check === undefined ? null : JSON.stringify(patch.check),
        patch.edit === undefined ? null : JSON.stringify(patch.edit),
        requestId,
      ],
      signal,
    );
    if (result.changes === 0) throw new AppError('STORAGE', `No history entry for request ${requestId}: begin() must run first.`, { details: { requestId } });
  }

  /**
   * A cache hit repeats an answer history already has: that entry counts one more use (and when), and the row
   * begun for this request goes, so history holds each answer once. Returns the entry's id, or undefined when
   * no finished entry has this code (the request's own row then stays and is completed as usual).
   */
  async reuse(requestId: string, answer: { code: string; language: string }, signal?: AbortSignal): Promise<number | undefined> {
    const found = this.db.get<{ id: number }>(
      `SELECT id FROM history WHERE status = 'done' AND code = ? AND language IS ? AND request_id <> ? ORDER BY id DESC LIMIT 1`,
      [answer.code, answer.language, requestId],
    );
    if (!found) return undefined;
    const now = this.clock.now();
    await this.db.run(`UPDATE history SET uses = uses + 1, last_used_at = ?, updated_at = ? WHERE id = ?`, [now, now, found.id], signal);
    await this.db.run(`DELETE FROM history WHERE request_id = ?`, [requestId], signal);
    return found.id;
  }

  get(idOrRequestId: number | string): HistoryEntry | undefined {
    const row = typeof idOrRequestId === 'number' ? this.byId.get(idOrRequestId) : this.byRequest.get(idOrRequestId);
    return row ? toEntry(row) : undefined;
  }

  getAudio(id: number): { data: Buffer; format: string } | undefined {
    const row = this.db.get<{ audio: Buffer | null; audio_format: string | null }>(`SELECT audio, audio_format FROM history WHERE id = ?`, [id]);
    return row?.audio ? { data: row.audio, format: row.audio_format ?? 'application/octet-stream' } : undefined;
  }

  /** Newest first; pass the previous page's nextCursor as `before`. */
  list(options: { limit?: number; before?: number } = {}): HistoryPage {
    const limit = clampLimit(options.limit);
    const rows = options.before === undefined ? this.pageFirst.all(limit + 1) : this.pageBefore.all(options.before, limit + 1);
    return this.page(rows, limit);
  }

  /**
   * The latest `limit` entries' id, status, transcript and code, newest first: what every request's prompt context reads, so it
   * leaves out the other columns (an edit's before/after JSON is twice the size of its code).
   */
  recentTexts(limit: number): RecentText[] {
    return this.latestTexts.all(clampLimit(limit));
  }

  /** Full-text search over transcripts and code, best match first. */
  search(text: string, options: { limit?: number; offset?: number } = {}): { items: HistoryEntry[]; nextOffset: number | undefined; total: number } {
    const query = toFtsQuery(text);
    if (!query) return { items: [], nextOffset: undefined, total: 0 };
    const limit = clampLimit(options.limit);
    const offset = Math.max(0, Math.trunc(options.offset ?? 0));
    const rows = this.db.all<Row>(
      `SELECT ${columns('h.')} FROM history_fts JOIN history h ON h.id = history_fts.rowid WHERE history_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?`,
      [query, limit + 1, offset],
    );
    const more = rows.length > limit;
    const total = this.db.get<{ n: number }>(`SELECT count(*) AS n FROM history_fts WHERE history_fts MATCH ?`, [query])?.n ?? 0;
    return { items: rows.slice(0, limit).map(toEntry), nextOffset: more ? offset + limit : undefined, total };
  }

  async delete(id: number, signal?: AbortSignal): Promise<boolean> {
    return (await this.db.run(`DELETE FROM history WHERE id = ?`, [id], signal)).changes > 0;
  }

  async clear(signal?: AbortSignal): Promise<number> {
    return (await this.db.run(`DELETE FROM history`, [], signal)).changes;
  }

  /** Everything as JSON (oldest first); audio as base64 only when asked, since it dwarfs the text. */
  export(options: { includeAudio?: boolean } = {}): string {
    const items: Array<HistoryEntry & { audio?: { data: string; format: string } }> = [];
    for (const row of this.db.iterate<Row & { audio: Buffer | null; audio_format: string | null }>(`SELECT ${COLUMNS}, audio, audio_format FROM history ORDER BY id ASC`)) {
      const entry: HistoryEntry & { audio?: { data: string; format: string } } = toEntry(row);
      if (options.includeAudio && row.audio) entry.audio = { data: row.audio.toString('base64'), format: row.audio_format ?? '' };
      items.push(entry);
    }
    return JSON.stringify({ format: 'voice-codegen-history', version: 1, exportedAt: this.clock.now(), items });
  }

  private page(rows: Row[], limit: number): HistoryPage {
    const items = rows.slice(0, limit).map(toEntry);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? last.id : undefined };
  }
}
