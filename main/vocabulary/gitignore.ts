// A small .gitignore matcher for the project scan: the pattern forms of common .gitignore files, nested files, negation.
//
// Hand-written because the scan runs in a worker bundle and needs only the common forms (no package may be added).
// Supported: comments, blank lines, `\#` and `\!` escapes, `!` negation (last matching rule wins), trailing `/` for
// directories only, anchoring by a leading or middle `/`, `*`, `?`, `[abc]`/`[a-z]`/`[!a]` classes, `**/` at the start,
// `/**` at the end, `/**/` in the middle, and a .gitignore in any folder applying below that folder.
// Not supported: `.git/info/exclude` and the global `core.excludesFile`, escaped trailing spaces (`foo\ `), POSIX
// classes (`[[:digit:]]`), and `**` anywhere but next to a `/` (it then behaves like `*`). As in git, a file inside an
// ignored folder cannot be re-included: the scan never enters an ignored folder.

interface Rule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** The rules of one .gitignore file, matched against paths relative to the folder that holds it. */
export class GitignoreFile {
  private readonly rules: readonly Rule[];

  /** `base` is the folder of the .gitignore relative to the scan root, with '/' separators ('' for the root). */
  constructor(readonly base: string, content: string) {
    this.rules = content
      .split(/\r?\n/)
      .map(parseLine)
      .filter((r): r is Rule => r !== undefined);
  }

  get size(): number {
    return this.rules.length;
  }

  /**
   * true: ignored, false: re-included by a negation, undefined: no rule of this file matches. `path` is relative to the
   * scan root with '/' separators.
   */
  verdict(path: string, isDir: boolean): boolean | undefined {
    let rel = path;
    if (this.base !== '') {
      if (!path.startsWith(`${this.base}/`)) return undefined;
      rel = path.slice(this.base.length + 1);
    }
    let result: boolean | undefined;
    for (const rule of this.rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(rel)) result = !rule.negate;
    }
    return result;
  }
}

/** Every .gitignore from the root down to one folder; deeper files override shallower ones, as in git. */
export class GitignoreStack {
  static readonly empty = new GitignoreStack([]);

  private constructor(private readonly files: readonly GitignoreFile[]) {}

  /** A new stack with one more (deeper) file; the receiver is left as it is, so sibling folders share it. */
  with(file: GitignoreFile): GitignoreStack {
    return file.size === 0 ? this : new GitignoreStack([...this.files, file]);
  }

  ignores(path: string, isDir: boolean): boolean {
    for (let i = this.files.length - 1; i >= 0; i--) {
      const verdict = (this.files[i] as GitignoreFile).verdict(path, isDir);
      if (verdict !== undefined) return verdict;
    }
    return false;
  }
}

function parseLine(raw: string): Rule | undefined {
  let line = raw.replace(/\s+$/, '');
  if (line === '' || line.startsWith('#')) return undefined;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  // A slash at the start or in the middle anchors the pattern to the .gitignore's folder; otherwise it matches a name
  // at any depth.
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const body = globToRegex(line);
  return { regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`), negate, dirOnly };
}

function globToRegex(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    if (glob.startsWith('**/', i) && (i === 0 || glob[i - 1] === '/')) {
      out += '(?:.*/)?';
      i += 3;
      continue;
    }
    if (glob.startsWith('**', i) && i + 2 === glob.length && (i === 0 || glob[i - 1] === '/')) {
      out += '.*';
      i += 2;
      continue;
    }
    const c = glob[i] as string;
    if (c === '*') {
      out += '[^/]*';
      while (glob[i] === '*') i++;
      continue;
    }
    if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        let cls = glob.slice(i + 1, end);
        const negated = cls.startsWith('!') || cls.startsWith('^');
        if (negated) cls = cls.slice(1);
        out += `[${negated ? '^' : ''}${cls.replace(/[\\\]^]/g, '\\$&')}]`;
        i = end + 1;
        continue;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1] as string);
      i += 2;
      continue;
    } else out += escapeRegex(c);
    i++;
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
