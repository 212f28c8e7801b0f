// The project scan's .gitignore rules, read by the `ignore` package (git's own matching rules), nested files included.
//
// `ignore` implements the gitignore spec in full (negation, anchoring, `**`, classes including POSIX ones, escaped
// trailing spaces), which the hand-written matcher it replaces did not. What stays here is git's layering: a
// .gitignore applies below its own folder, and a deeper file's verdict wins over a shallower one's. As in git, a file
// inside an ignored folder cannot be re-included: the scan never enters an ignored folder.
import ignore, { type Ignore } from 'ignore';

/** The rules of one .gitignore file, matched against paths relative to the folder that holds it. */
export class GitignoreFile {
  private readonly rules: Ignore;
  readonly size: number;

  /** `base` is the folder of the .gitignore relative to the scan root, with '/' separators ('' for the root). */
  constructor(readonly base: string, content: string) {
    this.rules = ignore({ allowRelativePaths: true }).add(content);
    this.size = content.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#')).length;
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
    if (rel === '') return undefined;
    // A trailing slash tells `ignore` the path is a folder, so `name/` rules apply to it.
    const result = this.rules.test(isDir ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
    return undefined;
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
