// Walks a project folder and counts the identifiers of its source files, within file, size and time bounds (run in a worker).
import { readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { extname, join } from 'node:path';
import { AppError, type ErrorCode } from '../core/errors.js';
import { GitignoreFile, GitignoreStack } from './gitignore.js';
import { countTerms, mergeCounts, type TermCounts } from './identifier-extract.js';

export interface ProjectScanLimits {
  /** Files read at most (default 2,000): a big monorepo is sampled, folder by folder from the top. */
  maxFiles: number;
  /** Larger files are skipped (default 256 KB): they are generated, bundled or data. */
  maxFileBytes: number;
  /** The walk stops after this long with what it has (default 3 s). */
  timeBudgetMs: number;
  /** A term counts at most this often per file (default 5), so one file repeating a name cannot dominate. */
  perFileCap: number;
}

/** The worker task (workers/vocabulary.ts `scan`). */
export interface ProjectScanTask {
  dir: string;
  limits?: Partial<ProjectScanLimits>;
}

/** What the worker posts back: AppError codes survive the thread hop this way (thrown errors lose them). */
export type ProjectScanOutcome = { ok: true; value: ProjectScanResult } | { ok: false; error: { code: ErrorCode; message: string } };

export const DEFAULT_SCAN_LIMITS: Readonly<ProjectScanLimits> = { maxFiles: 2_000, maxFileBytes: 256 * 1024, timeBudgetMs: 3_000, perFileCap: 5 };

export interface ProjectScanResult {
  counts: TermCounts;
  /** Source files read. */
  files: number;
  bytes: number;
  skipped: { ignored: number; binary: number; tooLarge: number; unreadable: number };
  /** Why the walk ended before the whole tree was read, if it did. */
  stoppedBy?: 'files' | 'time';
  elapsedMs: number;
}

/** Folders never worth reading: dependencies, build output, caches, virtual environments. Hidden folders are skipped too. */
const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules', 'bower_components', 'jspm_packages', 'dist', 'build', 'out', 'target', 'coverage', 'vendor', '__pycache__',
  'venv', 'site-packages', 'Pods', 'DerivedData',
]);

const LOCK_FILES: ReadonlySet<string> = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'Cargo.lock', 'poetry.lock', 'Pipfile.lock',
  'Gemfile.lock', 'composer.lock', 'go.sum', 'flake.lock', 'uv.lock', 'Package.resolved',
]);

/** Source files by extension; others (images, data, docs) are not read. */
const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte', '.py', '.pyi', '.go', '.rs', '.java', '.kt', '.kts',
  '.scala', '.swift', '.c', '.h', '.cc', '.cpp', '.cxx', '.hpp', '.hh', '.m', '.mm', '.cs', '.fs', '.rb', '.php', '.lua', '.dart',
  '.ex', '.exs', '.erl', '.hs', '.ml', '.clj', '.sql', '.sh', '.bash', '.zsh', '.ps1', '.r', '.jl', '.zig', '.nim', '.css', '.scss',
  '.less', '.html', '.graphql', '.proto',
]);

/** git's own test: a NUL byte in the first 8,000 bytes marks a binary file. */
const BINARY_PROBE_BYTES = 8_000;

function isSourceFile(name: string): boolean {
  if (LOCK_FILES.has(name) || /\.min\.(?:js|css)$/.test(name)) return false;
  return SOURCE_EXTENSIONS.has(extname(name).toLowerCase());
}

function readGitignore(dir: string, rel: string, stack: GitignoreStack): GitignoreStack {
  try {
    return stack.with(new GitignoreFile(rel, readFileSync(join(dir, '.gitignore'), 'utf8')));
  } catch {
    // No .gitignore here (the usual case) or an unreadable one: nothing to add.
    return stack;
  }
}

/**
 * Counts the vocabulary terms of the project's source files. Folders are read breadth first in name order, so the
 * result is the same on every run and the files near the top are read first when a limit stops the walk. Symbolic
 * links are not followed (they may loop or leave the project). `now` is a monotonic clock in milliseconds.
 */
export function scanProject(root: string, limits: Partial<ProjectScanLimits> = {}, now: () => number = () => performance.now()): ProjectScanResult {
  const { maxFiles, maxFileBytes, timeBudgetMs, perFileCap } = { ...DEFAULT_SCAN_LIMITS, ...limits };
  const started = now();
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    throw new AppError('VALIDATION', `The vocabulary project folder ${root} cannot be read (${error instanceof Error ? error.message : String(error)}). Choose another folder in settings.`, { cause: error });
  }
  const result: ProjectScanResult = { counts: new Map(), files: 0, bytes: 0, skipped: { ignored: 0, binary: 0, tooLarge: 0, unreadable: 0 }, elapsedMs: 0 };
  const queue: Array<{ rel: string; ignore: GitignoreStack }> = [{ rel: '', ignore: GitignoreStack.empty }];
  walk: for (let q = 0; q < queue.length; q++) {
    const { rel, ignore: parent } = queue[q] as { rel: string; ignore: GitignoreStack };
    const dir = rel === '' ? root : join(root, rel);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      result.skipped.unreadable++;
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ignore = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? readGitignore(dir, rel, parent) : parent;
    for (const entry of entries) {
      if (now() - started > timeBudgetMs) {
        result.stoppedBy = 'time';
        break walk;
      }
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        if (ignore.ignores(path, true)) result.skipped.ignored++;
        else queue.push({ rel: path, ignore });
        continue;
      }
      if (!entry.isFile() || !isSourceFile(entry.name)) continue;
      if (ignore.ignores(path, false)) {
        result.skipped.ignored++;
        continue;
      }
      if (result.files >= maxFiles) {
        result.stoppedBy = 'files';
        break walk;
      }
      readSource(join(dir, entry.name), maxFileBytes, perFileCap, result);
    }
  }
  result.elapsedMs = now() - started;
  return result;
}

function readSource(file: string, maxFileBytes: number, perFileCap: number, result: ProjectScanResult): void {
  let bytes: Buffer;
  try {
    if (statSync(file).size > maxFileBytes) {
      result.skipped.tooLarge++;
      return;
    }
    bytes = readFileSync(file);
  } catch {
    result.skipped.unreadable++;
    return;
  }
  // The file may have grown between stat and read.
  if (bytes.byteLength > maxFileBytes) {
    result.skipped.tooLarge++;
    return;
  }
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    result.skipped.binary++;
    return;
  }
  result.files++;
  result.bytes += bytes.byteLength;
  mergeCounts(result.counts, countTerms(bytes.toString('utf8')), perFileCap);
}
