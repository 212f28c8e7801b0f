// History in a real SQLite file: written at "transcript final", filled in step by step, searchable, pageable, exportable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { HistoryStore } from '../../main/store/history.js';

let dir: string;
let db: Database;
let history: HistoryStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vcg-history-'));
  db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
  history = new HistoryStore(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history', () => {
  it('keeps the entry written at transcript final when code generation fails later, even across a restart', async () => {
    await history.begin({ requestId: 'r1', transcript: 'write a function that reverses a string', language: 'typescript' });
    await history.update('r1', { intent: 'generate', timings: { transcription: 420, intent: 1 } });
    // Code generation fails: the pipeline records the error, nothing else.
    await history.update('r1', { error: { code: 'QUOTA', message: 'Gemini quota exhausted' }, timings: { transcription: 420, intent: 1, generation: 900 } });
    db.close();
    db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
    history = new HistoryStore(db);
    const entry = history.get('r1');
    expect(entry).toMatchObject({
      requestId: 'r1',
      status: 'failed',
      transcript: 'write a function that reverses a string',
      intent: 'generate',
      language: 'typescript',
      code: null,
      error: { code: 'QUOTA', message: 'Gemini quota exhausted' },
      timings: { transcription: 420, intent: 1, generation: 900 },
    });
  });

  it('records a successful request with its code, cache tier and compressed audio', async () => {
    const id = await history.begin({ requestId: 'r2', transcript: 'sort users by age' });
    const audio = new Uint8Array([1, 2, 3, 4]);
    await history.update('r2', { status: 'done', code: 'users.sort((a, b) => a.age - b.age);', cached: true, cacheTier: 'l2', audio: { data: audio, format: 'audio/ogg;codecs=opus' } });
    expect(history.get(id)).toMatchObject({ status: 'done', cached: true, cacheTier: 'l2', hasAudio: true, error: null });
    expect([...(history.getAudio(id)?.data ?? [])]).toEqual([1, 2, 3, 4]);
  });

  it('refuses to update an entry that was never begun', async () => {
    await expect(history.update('missing', { code: 'x' })).rejects.toMatchObject({ code: 'STORAGE' });
  });

  it('finds entries by words in the transcript or the code, including after an update', async () => {
    await history.begin({ requestId: 'a', transcript: 'parse a CSV file' });
    await history.begin({ requestId: 'b', transcript: 'debounce a function' });
    await history.update('b', { code: 'function debounce(fn, ms) { let timer; }' });
    await history.begin({ requestId: 'c', transcript: 'fetch JSON with retries' });
    expect(history.search('csv').items.map((e) => e.requestId)).toEqual(['a']);
    expect(history.search('timer').items.map((e) => e.requestId)).toEqual(['b']);
    expect(history.search('deb').items.map((e) => e.requestId)).toEqual(['b']);
    // FTS syntax in user input is treated as words, not as a query language.
    expect(history.search('"json" (retries').items.map((e) => e.requestId)).toEqual(['c']);
    expect(history.search('  ').items).toEqual([]);
  });

  it('leaves the search index alone when an update changes neither transcript nor code (three updates per request)', async () => {
    const code = Array.from({ length: 200 }, (_, i) => `const value${i} = items[${i}];`).join('\n');
    await history.begin({ requestId: 'r-fts', transcript: 'rename user to account' });
    await history.update('r-fts', { code });
    const segments = (): number => db.get<{ n: number }>('SELECT count(*) AS n FROM history_fts_data')?.n ?? 0;
    const before = segments();
    // The pipeline's other updates (intent, timings, status, check) do not touch the indexed text: no re-index.
    await history.update('r-fts', { intent: 'edit', language: 'typescript' });
    await history.update('r-fts', { timings: { generation: 12 }, status: 'done' });
    await history.update('r-fts', { check: { ok: true } });
    expect(segments()).toBe(before);
    expect(history.search('value199').items.map((e) => e.requestId)).toEqual(['r-fts']);
    // A changed code is indexed again: the old words go, the new ones are found.
    await history.update('r-fts', { code: 'const renamedAccount = 1;' });
    expect(history.search('value199').items).toEqual([]);
    expect(history.search('renamedAccount').items.map((e) => e.requestId)).toEqual(['r-fts']);
  });

  it('pages newest first with a cursor', async () => {
    for (let i = 0; i < 7; i++) await history.begin({ requestId: `p${i}`, transcript: `request ${i}` });
    const first = history.list({ limit: 3 });
    expect(first.items.map((e) => e.requestId)).toEqual(['p6', 'p5', 'p4']);
    const second = history.list({ limit: 3, before: first.nextCursor });
    expect(second.items.map((e) => e.requestId)).toEqual(['p3', 'p2', 'p1']);
    const third = history.list({ limit: 3, before: second.nextCursor });
    expect(third.items.map((e) => e.requestId)).toEqual(['p0']);
    expect(third.nextCursor).toBeUndefined();
  });

  it('deletes one entry, clears all, and search forgets them', async () => {
    const id = await history.begin({ requestId: 'd1', transcript: 'delete me please' });
    await history.begin({ requestId: 'd2', transcript: 'keep me' });
    expect(await history.delete(id)).toBe(true);
    expect(history.get(id)).toBeUndefined();
    expect(history.search('delete').items).toEqual([]);
    expect(await history.clear()).toBe(1);
    expect(history.list().items).toEqual([]);
  });

  it('exports everything as JSON, audio only when asked', async () => {
    await history.begin({ requestId: 'e1', transcript: 'one' });
    await history.update('e1', { audio: { data: new Uint8Array([9]), format: 'raw' } });
    await history.begin({ requestId: 'e2', transcript: 'two' });
    const plain = JSON.parse(history.export()) as { items: Array<{ requestId: string; audio?: unknown }> };
    expect(plain.items.map((e) => e.requestId)).toEqual(['e1', 'e2']);
    expect(plain.items[0]?.audio).toBeUndefined();
    const withAudio = JSON.parse(history.export({ includeAudio: true })) as { items: Array<{ audio?: { data: string } }> };
    expect(withAudio.items[0]?.audio?.data).toBe(Buffer.from([9]).toString('base64'));
  });
});
