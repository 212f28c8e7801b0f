// The project scan in the real worker (dist/workers/vocabulary.js) over the fixture project: top terms, exclusions, errors, cancel.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { PROJECT_SOURCE, rankTerms } from '../../main/vocabulary/term-ranking.js';
import { VocabularyWorkerPool } from '../../main/vocabulary/vocabulary-worker-pool.js';

const WORKER = join(process.cwd(), 'dist', 'workers', 'vocabulary.js');
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'vocab-project');

const pools: VocabularyWorkerPool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
});

function pool(...args: ConstructorParameters<typeof VocabularyWorkerPool>): VocabularyWorkerPool {
  const p = new VocabularyWorkerPool(...args);
  pools.push(p);
  return p;
}

describe('project vocabulary scan in the worker', () => {
  it('finds the fixture project’s identifiers, most used first, and none from ignored, dependency or binary files', async () => {
    const result = await pool({ workerFile: WORKER }).scan(FIXTURE, AbortSignal.timeout(10_000));
    const ranked = rankTerms([{ counts: result.counts, ...PROJECT_SOURCE }], 100);
    expect(ranked.slice(0, 6)).toEqual(['userId', 'UserRecord', 'fetchUserById', 'MAX_RETRY_COUNT', 'config_path', 'parse_config_file']);
    expect(ranked).toEqual(expect.arrayContaining(['UserRepository', 'DEFAULT_CONFIG_PATH', 'ConfigLoader', 'SHARED_LOCAL_SETTING']));
    // generated/ (.gitignore), scratch.local.py (*.local.py), node_modules, and src/packed-table.js (NUL bytes).
    for (const absent of ['ignored_generated_name', 'IgnoredGeneratedClass', 'scratch_only_name', 'nodeModulesOnlyName', 'binaryOnlyName']) {
      expect(ranked).not.toContain(absent);
    }
    expect(result).toMatchObject({ files: 4, skipped: { ignored: 2, binary: 1 } });
    expect(result.stoppedBy).toBeUndefined();
  });

  it('gives the service port the term counts, and reports a missing folder with its code', async () => {
    const p = pool({ workerFile: WORKER });
    expect((await p.scanProject(FIXTURE, AbortSignal.timeout(10_000))).get('fetchUserById')).toBe(6);
    const error = await p.scan(join(FIXTURE, 'missing'), AbortSignal.timeout(10_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION' });
  });

  it('applies the configured limits in the worker', async () => {
    const result = await pool({ workerFile: WORKER, limits: { maxFiles: 1 } }).scan(FIXTURE);
    expect(result).toMatchObject({ files: 1, stoppedBy: 'files' });
  });

  it('cancels: an aborted signal rejects with CANCELLED, and the pool still scans afterwards', async () => {
    const p = pool({ workerFile: WORKER });
    const controller = new AbortController();
    const scan = p.scan(process.cwd(), controller.signal);
    controller.abort();
    await expect(scan).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await p.scan(FIXTURE)).files).toBe(4);
  });

  it('refuses work after close()', async () => {
    const p = pool({ workerFile: WORKER });
    await p.close();
    await expect(p.scan(FIXTURE)).rejects.toBeInstanceOf(AppError);
  });
});
