// The project scan's .gitignore matcher: the pattern forms common .gitignore files use, and nested files.
import { describe, expect, it } from 'vitest';
import { GitignoreFile, GitignoreStack } from '../../main/vocabulary/gitignore.js';

function stack(...files: Array<[base: string, content: string]>): GitignoreStack {
  return files.reduce((s, [base, content]) => s.with(new GitignoreFile(base, content)), GitignoreStack.empty);
}

describe('gitignore matcher', () => {
  it('matches a name without a slash at any depth, files and folders alike', () => {
    const s = stack(['', 'secret.ts\n*.log\n']);
    expect(s.ignores('secret.ts', false)).toBe(true);
    expect(s.ignores('src/deep/secret.ts', false)).toBe(true);
    expect(s.ignores('src/secret.ts.bak', false)).toBe(false);
    expect(s.ignores('logs/today.log', false)).toBe(true);
    expect(s.ignores('today.log', true)).toBe(true);
  });

  it('anchors a pattern with a leading or middle slash to the .gitignore folder', () => {
    const s = stack(['', '/notes.py\nsrc/gen\n']);
    expect(s.ignores('notes.py', false)).toBe(true);
    expect(s.ignores('tools/notes.py', false)).toBe(false);
    expect(s.ignores('src/gen', true)).toBe(true);
    expect(s.ignores('lib/src/gen', true)).toBe(false);
  });

  it('applies a trailing-slash pattern to folders only', () => {
    const s = stack(['', 'generated/\n']);
    expect(s.ignores('generated', true)).toBe(true);
    expect(s.ignores('src/generated', true)).toBe(true);
    expect(s.ignores('generated', false)).toBe(false);
  });

  it('lets the last matching rule win, so a negation re-includes', () => {
    const s = stack(['', '*.local.py\n!settings.local.py\n']);
    expect(s.ignores('tools/scratch.local.py', false)).toBe(true);
    expect(s.ignores('tools/settings.local.py', false)).toBe(false);
    expect(stack(['', '!keep.ts\n*.ts\n']).ignores('keep.ts', false)).toBe(true);
  });

  it('supports **/ at the start, /** at the end, /**/ in the middle, ? and character classes', () => {
    const s = stack(['', '**/fixtures/big\nassets/**\ndocs/**/draft.md\nfile?.ts\ntmp[0-9]\nbak[!a].ts\n']);
    expect(s.ignores('fixtures/big', true)).toBe(true);
    expect(s.ignores('a/b/fixtures/big', true)).toBe(true);
    expect(s.ignores('assets/img/logo.ts', false)).toBe(true);
    expect(s.ignores('assets', true)).toBe(false);
    expect(s.ignores('docs/draft.md', false)).toBe(true);
    expect(s.ignores('docs/a/b/draft.md', false)).toBe(true);
    expect(s.ignores('file1.ts', false)).toBe(true);
    expect(s.ignores('file10.ts', false)).toBe(false);
    expect(s.ignores('tmp7', true)).toBe(true);
    expect(s.ignores('tmpx', true)).toBe(false);
    expect(s.ignores('bakb.ts', false)).toBe(true);
    expect(s.ignores('baka.ts', false)).toBe(false);
  });

  it('skips comments and blank lines, and reads escaped # and ! literally', () => {
    const s = stack(['', '# a comment\n\n   \n\\#hash.ts\n\\!bang.ts\nspaced.ts   \n']);
    expect(s.ignores('a comment', false)).toBe(false);
    expect(s.ignores('#hash.ts', false)).toBe(true);
    expect(s.ignores('!bang.ts', false)).toBe(true);
    expect(s.ignores('spaced.ts', false)).toBe(true);
    expect(s.ignores('x.ts', false)).toBe(false);
  });

  it('escapes regex characters in names', () => {
    const s = stack(['', 'a+b.(c).ts\n']);
    expect(s.ignores('a+b.(c).ts', false)).toBe(true);
    expect(s.ignores('aab.xcx.ts', false)).toBe(false);
  });

  it('applies a nested .gitignore below its folder only, and lets it override the outer one', () => {
    const s = stack(['', '*.gen.ts\n'], ['pkg', 'cache/\n!keep.gen.ts\n']);
    expect(s.ignores('pkg/cache', true)).toBe(true);
    expect(s.ignores('other/cache', true)).toBe(false);
    expect(s.ignores('pkg/keep.gen.ts', false)).toBe(false);
    expect(s.ignores('pkg/x.gen.ts', false)).toBe(true);
    expect(s.ignores('keep.gen.ts', false)).toBe(true);
  });
});

describe('gitignore forms the hand-written matcher did not support (now read by the ignore package)', () => {
  it('POSIX character classes', () => {
    const s = stack(['', 'build[[:digit:]]\n']);
    expect(s.ignores('build7', true)).toBe(true);
    expect(s.ignores('buildx', true)).toBe(false);
  });

  it('an escaped trailing space is part of the name', () => {
    const s = stack(['', 'odd\\ \n']);
    expect(s.ignores('odd ', false)).toBe(true);
    expect(s.ignores('odd', false)).toBe(false);
  });

  it('a negated folder rule re-includes the folder for the scan', () => {
    const s = stack(['', 'gen*/\n!generated_keep/\n']);
    expect(s.ignores('gen_out', true)).toBe(true);
    expect(s.ignores('generated_keep', true)).toBe(false);
  });
});
