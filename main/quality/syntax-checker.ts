// Parses code with tree-sitter (web-tree-sitter + prebuilt WASM grammars): runs inside the quality worker, never on the main thread.
import { join } from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { detectLanguage } from '../intent/language-detect.js';
import { GRAMMARS, RUNTIME_WASM, WRONG_LANGUAGE_CANDIDATES, hasGrammar } from './grammars.js';
import { MAX_CHECKED_CHARS, MAX_REPORTED_ISSUES, notChecked, type SyntaxIssue, type SyntaxReport } from './check-report.js';

/** What a warm-up parses once per grammar (whether it parses cleanly does not matter; no wrong-language search runs). */
const WARM_SAMPLE = 'total = count + 1\n';

let runtime: Promise<void> | null = null;

/** The WASM runtime is initialised once per thread (again after a failed attempt). */
function initRuntime(grammarDir: string): Promise<void> {
  // The runtime asks for its own .wasm; it is copied beside the grammars, so the built worker needs nothing else.
  runtime ??= Parser.init({ locateFile: (name: string) => (name.endsWith('.wasm') ? join(grammarDir, RUNTIME_WASM.file) : name) }).catch((error: unknown) => {
    runtime = null;
    throw error;
  });
  return runtime;
}

export class SyntaxChecker {
  private readonly languages = new Map<string, Promise<Language>>();
  private readonly parsers = new Map<string, Parser>();
  private readonly exercised = new Set<string>();

  /** grammarDir holds web-tree-sitter.wasm and the grammar files (dist/workers/grammars, made by scripts/build.mjs). */
  constructor(private readonly grammarDir: string) {}

  /**
   * Loads grammars (once each; they stay warm for the life of the thread). With `parse`, also parses a line in each
   * (once per grammar): a grammar's first parse compiles its WebAssembly, 15-18 ms at the end of a fresh app's first
   * answer, and grows the process by about 40 MB, so it is done when an answer in that language starts, not at start.
   */
  async warm(languages: readonly string[], options: { parse?: boolean } = {}): Promise<string[]> {
    const loaded: string[] = [];
    for (const language of languages) {
      if (!hasGrammar(language)) continue;
      const parser = await this.parserFor(language);
      if (options.parse && !this.exercised.has(language)) {
        this.exercised.add(language);
        parser.parse(WARM_SAMPLE)?.delete();
      }
      loaded.push(language);
    }
    return loaded;
  }

  /**
   * Checks `code` in `language`. When it does not parse, tries the fence tag's language (`hint`) and the detected
   * one: a clean parse there makes it "wrong-language".
   */
  async check(code: string, language: string, hint?: string): Promise<SyntaxReport> {
    if (!hasGrammar(language)) return notChecked(language, `no grammar for ${language}`);
    if (code.length > MAX_CHECKED_CHARS) return notChecked(language, 'too large to check');
    const started = performance.now();
    const parser = await this.parserFor(language);
    const tree = parser.parse(code);
    if (!tree) return notChecked(language, 'the parser gave no tree');
    let errors: SyntaxIssue[];
    let errorCount: number;
    try {
      if (!tree.rootNode.hasError) return { status: 'ok', language, errors: [], errorCount: 0, parseMs: performance.now() - started };
      ({ errors, errorCount } = collectIssues(tree));
    } finally {
      tree.delete();
    }
    const other = await this.parsesAs(code, language, hint);
    const parseMs = performance.now() - started;
    if (other) return { status: 'wrong-language', language, parsesAs: other, errors, errorCount, parseMs };
    return { status: 'errors', language, errors, errorCount, parseMs };
  }

  /** Frees the parsers (the thread is ending). */
  dispose(): void {
    for (const parser of this.parsers.values()) parser.delete();
    this.parsers.clear();
    this.languages.clear();
  }

  /**
   * The language the code parses as instead: only the fence tag's and the one the local detector guesses are
   * tried (at most two more parses, and no grammar loaded just in case).
   */
  private async parsesAs(code: string, asked: string, hint: string | undefined): Promise<string | undefined> {
    const detected = detectLanguage(code);
    const order = new Set<string>();
    if (hint && hasGrammar(hint)) order.add(hint);
    if (detected && WRONG_LANGUAGE_CANDIDATES.includes(detected)) order.add(detected);
    order.delete(asked);
    for (const candidate of order) {
      const parser = await this.parserFor(candidate);
      const tree = parser.parse(code);
      if (!tree) continue;
      const clean = !tree.rootNode.hasError;
      tree.delete();
      if (clean) return candidate;
    }
    return undefined;
  }

  private async parserFor(language: string): Promise<Parser> {
    const ready = this.parsers.get(language);
    if (ready) return ready;
    let loading = this.languages.get(language);
    if (!loading) {
      const source = GRAMMARS[language as keyof typeof GRAMMARS];
      if (!source) throw new Error(`no grammar for ${language}`);
      loading = initRuntime(this.grammarDir).then(() => Language.load(join(this.grammarDir, source.file)));
      this.languages.set(language, loading);
      loading.catch(() => this.languages.delete(language));
    }
    const lang = await loading;
    const existing = this.parsers.get(language);
    if (existing) return existing;
    const parser = new Parser();
    parser.setLanguage(lang);
    this.parsers.set(language, parser);
    return parser;
  }
}

/**
 * ERROR and MISSING nodes in document order, one per line (a stray line of prose is one error, not one per word);
 * only subtrees that contain an error are visited (linear, bounded).
 */
function collectIssues(tree: Tree): { errors: SyntaxIssue[]; errorCount: number } {
  const errors: SyntaxIssue[] = [];
  let errorCount = 0;
  let lastLine = 0;
  const stack: Node[] = [tree.rootNode];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.isMissing || node.isError) {
      // An ERROR node's own children add nothing a user needs: it is reported once, where it starts.
      const issue = issueAt(node);
      if (issue.line === lastLine) continue;
      lastLine = issue.line;
      errorCount++;
      if (errors.length < MAX_REPORTED_ISSUES) errors.push(issue);
      continue;
    }
    if (!node.hasError) continue;
    const children = node.children.filter((c): c is Node => c !== null && (c.hasError || c.isError || c.isMissing));
    if (children.length === 0) {
      // The error is a hidden token (C#'s identifier wraps a MISSING _identifier_token): report the visible node.
      const issue = { ...issueAt(node), message: `incomplete ${node.type}` };
      if (issue.line !== lastLine) {
        lastLine = issue.line;
        errorCount++;
        if (errors.length < MAX_REPORTED_ISSUES) errors.push(issue);
      }
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
  return { errors, errorCount };
}

function issueAt(node: Node): SyntaxIssue {
  const line = node.startPosition.row + 1;
  const column = node.startPosition.column + 1;
  if (node.isMissing) return { line, column, message: `missing ${node.type}` };
  const text = node.text.split('\n', 1)[0]?.slice(0, 40) ?? '';
  return { line, column, message: text ? `unexpected ${JSON.stringify(text)}` : 'syntax error' };
}
