// The project scan on real files in a temp folder: what it reads, what it skips, and its file, size and time bounds.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { scanProject } from '../../main/vocabulary/project-scan.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vcg-vocab-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

const terms = (dir = root, limits = {}): string[] => [...scanProject(dir, limits).counts.keys()].sort();

describe('scanProject', () => {
  it('reads source files and skips dependencies, build output, hidden folders, lock files and non-source files', () => {
    write('src/app.ts', 'export const appReady = true;');
    write('node_modules/dep/index.ts', 'export const depOnlyName = 1;');
    write('dist/app.js', 'const distOnlyName = 1;');
    write('build/out.ts', 'const buildOnlyName = 1;');
    write('.git/hooks/pre-commit.sh', 'gitOnlyName=1');
    write('.venv/lib/site.py', 'venv_only_name = 1');
    write('package-lock.json', '{"lockOnlyName": 1}');
    write('yarn.lock', 'lockOnlyName');
    write('notes.txt', 'textOnlyName');
    write('vendor.min.js', 'var minifiedName=1');
    expect(terms()).toEqual(['appReady']);
  });

  it('honours .gitignore files at the root and in sub-folders', () => {
    write('.gitignore', 'secret/\n*.gen.ts\n');
    write('secret/keys.ts', 'const secretName = 1;');
    write('a.gen.ts', 'const generatedName = 1;');
    write('pkg/.gitignore', 'cache_*.py\n!keep.gen.ts\n');
    write('pkg/cache_data.py', 'cached_only_name = 1');
    write('pkg/keep.gen.ts', 'const keptGenerated = 1;');
    write('pkg/main.py', 'def main_entry(): pass');
    const result = scanProject(root);
    expect([...result.counts.keys()].sort()).toEqual(['keptGenerated', 'main_entry']);
    expect(result.skipped.ignored).toBe(3);
  });

  it('skips binary files (a NUL byte) and files over the size limit', () => {
    write('blob.ts', new Uint8Array([0x63, 0x6f, 0, 0, 1, 2]));
    write('packed.js', 'const binaryName = 1;\u0000');
    write('big.ts', `const bigFileName = 1;\n${'//'.repeat(2000)}`);
    write('small.ts', 'const smallFileName = 1;');
    const result = scanProject(root, { maxFileBytes: 1024 });
    expect([...result.counts.keys()]).toEqual(['smallFileName']);
    expect(result.skipped).toMatchObject({ binary: 2, tooLarge: 1 });
  });

  it('stops at the file limit, reading folders breadth first in name order', () => {
    write('b.ts', 'const fileBName = 1;');
    write('a.ts', 'const fileAName = 1;');
    write('deep/c.ts', 'const deepCName = 1;');
    const result = scanProject(root, { maxFiles: 2 });
    expect([...result.counts.keys()]).toEqual(['fileAName', 'fileBName']);
    expect(result.stoppedBy).toBe('files');
  });

  it('stops at the time budget with what it has', () => {
    for (let i = 0; i < 5; i++) write(`f${i}.ts`, `const fileName${i}x = 1;`);
    let t = 0;
    // Each clock reading advances 10 ms: the budget of 25 ms runs out after a couple of entries.
    const result = scanProject(root, { timeBudgetMs: 25 }, () => (t += 10));
    expect(result.stoppedBy).toBe('time');
    expect(result.files).toBeGreaterThan(0);
    expect(result.files).toBeLessThan(5);
  });

  it('counts a name at most perFileCap times per file', () => {
    write('a.ts', 'repeatedName '.repeat(50));
    write('b.ts', 'repeatedName');
    expect(scanProject(root, { perFileCap: 5 }).counts.get('repeatedName')).toBe(6);
  });

  it('does not follow symbolic links', () => {
    write('inside/a.ts', 'const insideName = 1;');
    const outside = mkdtempSync(join(tmpdir(), 'vcg-vocab-out-'));
    try {
      writeFileSync(join(outside, 'b.ts'), 'const outsideName = 1;');
      symlinkSync(outside, join(root, 'linked'));
      symlinkSync(root, join(root, 'inside', 'loop'));
      expect(terms()).toEqual(['insideName']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a folder that does not exist with a message naming it', () => {
    const missing = join(root, 'nope');
    let error: unknown;
    try {
      scanProject(missing);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect((error as AppError).message).toContain(missing);
  });
});
