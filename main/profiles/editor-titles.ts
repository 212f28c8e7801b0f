// Reads the file being edited from an editor's window title (one parser per editor, on its documented default title) and maps its extension to a language.
import type { LanguageId } from '../config/schema.js';
import { MAX_SUBJECT_CHARS } from './glob.js';

const EXTENSIONS: Readonly<Record<string, LanguageId>> = {
  py: 'python', pyi: 'python', pyw: 'python',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', kts: 'kotlin', cs: 'csharp',
  cpp: 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp', c: 'c', h: 'c',
  sql: 'sql', sh: 'bash', bash: 'bash', zsh: 'bash', ps1: 'powershell', psm1: 'powershell',
  rb: 'ruby', php: 'php', swift: 'swift', scala: 'scala', sc: 'scala',
  html: 'html', htm: 'html', css: 'css', scss: 'css', json: 'json', yaml: 'yaml', yml: 'yaml',
};

/** The language of a file name by its extension ("app.py" → python), or undefined. */
export function languageOfFile(name: string): LanguageId | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 && !base.startsWith('.')) return undefined;
  return EXTENSIONS[base.slice(dot + 1).toLowerCase()];
}

export type EditorId = 'vscode' | 'jetbrains' | 'sublime' | 'zed' | 'xcode' | 'vim';

export interface EditorFile {
  editor: EditorId;
  /** The file name as the title shows it (no directory). */
  file: string;
  language: LanguageId;
}

/** A title segment reduced to a file name: dirty markers ("● ", " •", " +", "*"), brackets and directories removed. */
function fileOf(segment: string): string | undefined {
  let s = segment.trim();
  // VS Code's ${dirty} is "● "; JetBrains and others mark unsaved files with a leading or trailing '*'.
  while (s.startsWith('●') || s.startsWith('*')) s = s.slice(1).trimStart();
  const bracket = s.indexOf(' [');
  if (bracket > 0) s = s.slice(0, bracket);
  for (const tail of [' •', ' +', '*']) if (s.endsWith(tail)) s = s.slice(0, -tail.length).trimEnd();
  const name = s.slice(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1).trim();
  return name.length > 0 && !name.includes(' ') && languageOfFile(name) !== undefined ? name : undefined;
}

function found(editor: EditorId, file: string | undefined): EditorFile | undefined {
  const language = file === undefined ? undefined : languageOfFile(file);
  return file !== undefined && language !== undefined ? { editor, file, language } : undefined;
}

/** Splits on " - ", " – " and " — " (editors use all three, and macOS builds of some use the em dash). */
function segments(title: string): string[] {
  return title.split(/ [-–—] /);
}

const VSCODE_NAMES = ['visual studio code', 'visual studio code - insiders', 'vscodium', 'code - oss', 'cursor', 'windsurf'];

/**
 * VS Code's default window.title is `${dirty}${activeEditorShort}${separator}${rootName}${separator}${profileName}${separator}${appName}`
 * with separator " - " (" — " on macOS): "● app.py - proj - Visual Studio Code". The file is the first segment.
 */
export function parseVsCodeTitle(title: string): EditorFile | undefined {
  const t = title.slice(0, MAX_SUBJECT_CHARS);
  const lower = t.toLowerCase();
  if (!VSCODE_NAMES.some((n) => lower.endsWith(` - ${n}`) || lower.endsWith(` — ${n}`))) return undefined;
  // "Code - OSS" holds the separator itself: the first segment is still the file.
  return found('vscode', fileOf(segments(t)[0] ?? ''));
}

const JETBRAINS_NAMES = ['intellij idea', 'pycharm', 'webstorm', 'goland', 'clion', 'rider', 'rubymine', 'phpstorm', 'rustrover', 'datagrip', 'android studio', 'fleet', 'aqua'];

/**
 * JetBrains IDEs: "proj – app.py" since 2020 (project, en dash, file; the IDE name only in the class jetbrains-pycharm),
 * and the older "proj [~/proj] - .../src/app.py [module] - PyCharm". The file is the last segment that names one.
 */
export function parseJetBrainsTitle(title: string, isJetBrains = false): EditorFile | undefined {
  const t = title.slice(0, MAX_SUBJECT_CHARS);
  const lower = t.toLowerCase();
  const named = JETBRAINS_NAMES.some((n) => lower.endsWith(` - ${n}`) || lower.includes(` - ${n} `));
  if (!named && !isJetBrains) return undefined;
  const parts = segments(t);
  for (let i = parts.length - 1; i >= 0; i--) {
    const file = fileOf(parts[i] ?? '');
    if (file !== undefined) return found('jetbrains', file);
  }
  return undefined;
}

/**
 * Sublime Text: "app.py - Sublime Text", "app.py (proj) - Sublime Text", "~/proj/app.py • (proj) - Sublime Text"
 * (• unsaved), and with a project "app.py - proj - Sublime Text".
 */
export function parseSublimeTitle(title: string): EditorFile | undefined {
  const t = title.slice(0, MAX_SUBJECT_CHARS);
  if (!t.toLowerCase().endsWith(' - sublime text')) return undefined;
  const head = segments(t)[0] ?? '';
  const paren = head.indexOf(' (');
  return found('sublime', fileOf(paren > 0 ? head.slice(0, paren) : head));
}

/** Zed: "proj — app.py" (em dash; "proj — app.py — Zed" in some builds). The file is the last segment that names one. */
export function parseZedTitle(title: string): EditorFile | undefined {
  const parts = segments(title.slice(0, MAX_SUBJECT_CHARS));
  for (let i = parts.length - 1; i >= 0; i--) {
    const file = fileOf(parts[i] ?? '');
    if (file !== undefined) return found('zed', file);
  }
  return undefined;
}

/** Xcode: "proj — AppDelegate.swift", "AppDelegate.swift — Edited". The first segment that names a file. */
export function parseXcodeTitle(title: string): EditorFile | undefined {
  for (const part of segments(title.slice(0, MAX_SUBJECT_CHARS))) {
    const file = fileOf(part);
    if (file !== undefined) return found('xcode', file);
  }
  return undefined;
}

/**
 * Vim's default title (and Neovim's), set in the terminal's title when 'title' is on: "filename [+=-] (path) - VIM",
 * e.g. "app.py + (~/proj) - VIM", "app.py (~/proj) - NVIM" ("- Nvim" in newer Neovim, "- GVIM" in gVim).
 */
export function parseVimTitle(title: string): EditorFile | undefined {
  const t = title.slice(0, MAX_SUBJECT_CHARS).trimEnd();
  const dash = t.lastIndexOf(' - ');
  if (dash < 0) return undefined;
  const server = t.slice(dash + 3).toLowerCase();
  if (!/^(g?vim\d*|nvim)$/.test(server)) return undefined;
  const head = t.slice(0, dash);
  const paren = head.indexOf(' (');
  const name = (paren > 0 ? head.slice(0, paren) : head).trim();
  // The modified/read-only flags follow the name after a space: "app.py +", "app.py =+".
  const space = name.indexOf(' ');
  return found('vim', fileOf(space > 0 ? name.slice(0, space) : name));
}

/** Which editor a window is, by its app names, and the file its title names; undefined when neither is known. */
export function fileFromTitle(names: readonly string[], title: string | undefined): EditorFile | undefined {
  if (title === undefined || title.length === 0) return undefined;
  const lower = names.map((n) => n.toLowerCase());
  const has = (...needles: string[]): boolean => lower.some((n) => needles.some((x) => n.includes(x)));
  if (has('jetbrains', 'pycharm', 'intellij', 'webstorm', 'goland', 'clion', 'rider', 'rubymine', 'phpstorm', 'rustrover', 'android studio')) {
    return parseJetBrainsTitle(title, true);
  }
  if (has('xcode')) return parseXcodeTitle(title);
  if (has('zed')) return parseZedTitle(title);
  // Titles name their editor at the end: no app name is needed for these (a terminal shows Vim's title as its own).
  return parseVsCodeTitle(title) ?? parseSublimeTitle(title) ?? parseVimTitle(title) ?? parseJetBrainsTitle(title);
}
