// What the renderer page loads before any lazy import: the Vite manifest's entry and its static imports, with gzip sizes and source modules.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Libraries that must load on demand only (React.lazy / import()): found in an initial chunk, the bench and test fail. */
export const LAZY_ONLY: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'CodeMirror (the editor pane)', pattern: /node_modules\/@codemirror\// },
  { name: 'Lezer (CodeMirror parsers)', pattern: /node_modules\/@lezer\// },
  { name: 'uPlot (the dashboard charts)', pattern: /node_modules\/uplot\// },
  { name: 'highlight.js (code colouring)', pattern: /node_modules\/highlight\.js\// },
];

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface InitialFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface InitialBundle {
  files: InitialFile[];
  bytes: number;
  gzipBytes: number;
  /** Files loaded only through a dynamic import (not counted). */
  lazyFiles: string[];
  /** LAZY_ONLY libraries found in an initial chunk, with the file they landed in. */
  forbidden: Array<{ name: string; file: string; source: string }>;
}

/** Reads dist/renderer/.vite/manifest.json (vite.config.ts sets build.manifest) and follows the entry's static imports. */
export function initialBundle(rendererDir = join(process.cwd(), 'dist/renderer')): InitialBundle {
  const manifestFile = join(rendererDir, '.vite/manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`no Vite manifest at ${manifestFile}: build the renderer (node scripts/build.mjs) with build.manifest on`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
  if (entries.length === 0) throw new Error('the Vite manifest names no entry');
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const k of chunk.imports ?? []) visit(k);
  };
  for (const [key] of entries) visit(key);
  // The page itself is loaded first of all.
  if (existsSync(join(rendererDir, 'index.html'))) files.add('index.html');
  const all = new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]));
  const list: InitialFile[] = [...files].map((file) => {
    const body = readFileSync(join(rendererDir, file));
    return { file, bytes: body.byteLength, gzipBytes: gzipSync(body, { level: 9 }).byteLength };
  });
  const forbidden: InitialBundle['forbidden'] = [];
  for (const file of files) {
    if (!file.endsWith('.js') || !existsSync(join(rendererDir, `${file}.map`))) continue;
    const sources = (JSON.parse(readFileSync(join(rendererDir, `${file}.map`), 'utf8')) as { sources?: string[] }).sources ?? [];
    for (const lib of LAZY_ONLY) {
      const source = sources.find((s) => lib.pattern.test(s));
      if (source) forbidden.push({ name: lib.name, file, source });
    }
  }
  return {
    files: list,
    bytes: list.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: list.reduce((s, f) => s + f.gzipBytes, 0),
    lazyFiles: [...all].filter((f) => !files.has(f)),
    forbidden,
  };
}
