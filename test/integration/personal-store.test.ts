// The personal dictionary and snippets over a real SQLite file: changes by another connection (the CLI) seen at once, bounds, use counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock.js';
import { silentLogger } from '../../main/core/logger.js';
import { PersonalService } from '../../main/personal/personal-service.js';
import { Database } from '../../main/store/database.js';
import { PersonalStore } from '../../main/store/personal-store.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vcg-personal-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'voice-codegen.db');
}

function open(file: string, onChange?: () => void): { service: PersonalService; db: Database } {
  const db = Database.open({ file, logger: silentLogger });
  cleanups.push(() => db.close());
  return { db, service: new PersonalService({ store: new PersonalStore(db), clock: systemClock, logger: silentLogger, ...(onChange ? { onChange } : {}) }) };
}

describe('personal dictionary in SQLite', () => {
  it('a term added through another connection (the CLI) is replaced at the app’s next request', async () => {
    const file = tempFile();
    const app = open(file).service;
    expect(app.applyDictionary('cube control get pods')).toBe('cube control get pods');
    const cli = open(file).service;
    await cli.add({ term: 'kubectl', spoken: 'cube control' });
    expect(app.applyDictionary('cube control get pods')).toBe('kubectl get pods');
    await cli.remove('kubectl');
    expect(app.applyDictionary('cube control get pods')).toBe('cube control get pods');
  });

  it('a spoken form stands for one term: adding it to another term moves it; a bare term adds no duplicate', async () => {
    let changes = 0;
    const { service } = open(tempFile(), () => changes++);
    await service.add({ term: 'Postgres', spoken: 'post gres' });
    await service.add({ term: 'PostgreSQL', spoken: 'Post  Gres' });
    await service.add({ term: 'PostgreSQL' });
    expect(service.list().map((r) => [r.term, r.spoken])).toEqual([['PostgreSQL', 'post gres']]);
    expect(service.applyDictionary('use post gres')).toBe('use PostgreSQL');
    expect(changes).toBe(3);
  });

  it('counts uses of spoken forms (not of partial transcripts), which rank the vocabulary', async () => {
    const { service } = open(tempFile());
    await service.import('alpha,first word\nbeta,second word\ngamma\n');
    expect(service.topTerms(3)).toEqual(['alpha', 'beta', 'gamma']);
    service.applyDictionary('second word and second word', true);
    service.applyDictionary('first word', false);
    await service.flush();
    expect(service.list().find((r) => r.term === 'beta')?.uses).toBe(2);
    expect(service.list().find((r) => r.term === 'alpha')?.uses).toBe(0);
    expect(service.topTerms(2)).toEqual(['beta', 'alpha']);
  });

  it('refuses an import that would pass 20,000 entries, and imports nothing of a file with a bad line', async () => {
    const { service } = open(tempFile());
    await service.import(Array.from({ length: 19_999 }, (_, i) => `t${i}`).join('\n'));
    await expect(service.import('one\ntwo\n')).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', message: expect.stringMatching(/limit of 20,000/) });
    await expect(service.add({ term: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await service.remove('t0');
    await expect(service.import('fits\n"bad\n')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('line 2') });
    expect(service.list()).toHaveLength(19_998);
    expect(service.list().some((r) => r.term === 'fits')).toBe(false);
  });

  it('snippets: saved by name (any case), updated, found by phrase, removed', async () => {
    const { service } = open(tempFile());
    await service.saveSnippet('Debug Template', 'console.debug({{selection}});');
    await service.saveSnippet('debug template', 'console.log({{selection}});');
    expect(service.snippets().map((s) => [s.name, s.body])).toEqual([['debug template', 'console.log({{selection}});']]);
    const found = service.snippetFor('Insert my debug template.');
    expect(found?.name).toBe('debug template');
    expect(await service.expandSnippet(found as { id: number; body: string }, { selection: 'x' }, AbortSignal.timeout(1000))).toBe('console.log(x);');
    await expect(service.saveSnippet('  ', 'x')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await service.removeSnippet('DEBUG template')).toBe(1);
    expect(service.snippetFor('insert my debug template')).toBeUndefined();
  });
});
