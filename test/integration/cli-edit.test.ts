// voice-codegen --edit FILE, run as a user runs it (node dist/cli/voice-codegen.js) against the simulator: splicing, --lines, --diff with patch, --in-place, bad input.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { speechToolsAvailable, speechWav } from '../support/speech.js';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist/cli/voice-codegen.js');
const PATCH = '/usr/bin/patch';

/** A Windows file: CRLF line endings, tab indentation, no final newline on the last line. */
const CRLF_TABS = [
  'import { db } from "./db";',
  '',
  'export function loadUser(id) {',
  '\tconst user = db.find(id);',
  '\treturn user;',
  '}',
  '',
  'export function saveUser(user) {',
  '\tdb.save(user);',
  '}',
].join('\r\n');

describe('voice-codegen --edit', () => {
  let sim: GeminiSimulator;
  let dir: string;
  let dataDir: string;

  const cli = async (args: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const env = { PATH: process.env.PATH ?? '', VOICE_CODEGEN_DATA_DIR: dataDir, GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl };
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env, cwd, timeout: 30_000, encoding: 'utf8' });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const generateCalls = (): number => sim.stats().rest.requests.filter((r) => r.kind === 'streamGenerateContent').length;

  beforeAll(async () => {
    sim = await startGeminiSimulator({ profile: 'instant' });
    dir = mkdtempSync(join(tmpdir(), 'vcg-edit-'));
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-edit-data-'));
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a CRLF file\'s line endings and tab indentation, and prints the whole file', async () => {
    const path = file('user.js', CRLF_TABS);
    const r = await cli(['--edit', path, '--text', 'rename user to account', '--no-cache']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CRLF_TABS.replace(/user/g, 'account').replace(/User/g, 'Account'));
    expect(r.stdout.replace(/\r\n/g, '')).not.toContain('\n');
    expect(r.stdout).toContain('\r\n\tconst account = db.find(id);\r\n');
    expect(readFileSync(path, 'utf8')).toBe(CRLF_TABS);
  });

  it('with --lines edits only that range: every byte outside it is unchanged', async () => {
    const path = file('range.js', CRLF_TABS);
    const r = await cli(['--edit', path, '--lines', '3-6', '--text', 'rename user to account', '--no-cache']);
    expect(r.code).toBe(0);
    const lines = CRLF_TABS.split('\r\n');
    const expected = [...lines.slice(0, 2), 'export function loadAccount(id) {', '\tconst account = db.find(id);', '\treturn account;', '}', ...lines.slice(6)].join('\r\n');
    expect(r.stdout).toBe(expected);
    // saveUser (lines 8-10) is outside the range and keeps its name.
    expect(r.stdout).toContain('export function saveUser(user) {');
  });

  it('--diff prints a unified diff that patch applies to give the edited file', async () => {
    const path = file('diffme.js', CRLF_TABS);
    const edited = await cli(['--edit', 'diffme.js', '--lines', '8-10', '--text', 'handle the error', '--no-cache']);
    const r = await cli(['--edit', 'diffme.js', '--lines', '8-10', '--text', 'handle the error', '--diff']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^={0,67}\n?--- a\/diffme\.js/m);
    expect(r.stdout).toContain('+++ b/diffme.js');
    expect(readFileSync(path, 'utf8')).toBe(CRLF_TABS);
    if (!existsSync(PATCH)) throw new Error('patch is required (scripts/install-test-deps.sh installs it)');
    execFileSync(PATCH, ['-p1', '--quiet', '--batch'], { cwd: dir, input: r.stdout });
    expect(readFileSync(path, 'utf8')).toBe(edited.stdout);
    expect(readFileSync(path, 'utf8')).toContain('\t} catch (error) {\r\n');
  });

  it('--in-place writes the file atomically, keeps its mode, writes through a symlink, and leaves no temp file', async () => {
    const path = file('inplace.py', 'import time\n\ndef wait(user):\n    time.sleep(1)\n    return user\n');
    chmodSync(path, 0o640);
    const link = join(dir, 'link.py');
    symlinkSync(path, link);
    const r = await cli(['--edit', link, '--lines', '3-5', '--text', 'make this async', '--in-place', '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(path, 'utf8')).toBe('import time\n\nasync def wait(user):\n    await asyncio.sleep(1)\n    return user\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(statSync(link, { throwIfNoEntry: false })).toBeDefined();
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('edits with a recorded request too (--audio)', async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    sim.setDefaultTranscript({ final: 'rename user to account' });
    const path = file('spoken.ts', 'const user: string = getUser();\n');
    const r = await cli(['--edit', path, '--audio', speechWav('rename user to account')]);
    expect(r.stderr).toMatch(/^Heard: "rename user to account"/);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('const account: string = getAccount();\n');
  });

  it('exits 2 with a clear message on every bad input, before any Gemini call, and leaves the file byte-identical', { timeout: 120_000 }, async () => {
    sim.resetStats();
    const good = file('good.js', CRLF_TABS);
    const binary = file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const latin1 = file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const unreadable = file('secret.js', 'const a = 1;\n');
    chmodSync(unreadable, 0o000);
    const big = file('big.js', `${'x'.repeat(100)}\n`.repeat(1000));
    const empty = file('empty.js', '');
    const before = new Map([good, binary, latin1, big, empty].map((p) => [p, readFileSync(p)]));
    const cases: Array<[string[], RegExp]> = [
      [['--edit', join(dir, 'missing.js'), '--text', 'add types'], /no such file/],
      [['--edit', binary, '--text', 'add types', '--in-place'], /binary file/],
      [['--edit', latin1, '--text', 'add types', '--in-place'], /not UTF-8/],
      [['--edit', good, '--lines', '9-12', '--text', 'add types', '--in-place'], /outside .*good\.js, which has 10 lines/],
      [['--edit', good, '--lines', '0-2', '--text', 'add types'], /starts at line 1/],
      [['--edit', good, '--lines', '5-3', '--text', 'add types'], /before the start/],
      [['--edit', good, '--lines', 'x', '--text', 'add types'], /not a range/],
      [['--edit', big, '--text', 'add types', '--in-place'], /101,000 bytes; an edit changes at most 65,536 bytes/],
      [['--edit', empty, '--text', 'add types', '--in-place'], /empty/],
      [['--edit', dir, '--text', 'add types'], /not a regular file/],
      [['--edit', good, '--text', 'add types', '--diff', '--in-place'], /not both/],
      [['--lines', '1-2', '--text', 'add types'], /go with --edit/],
    ];
    // Root reads any file: the unreadable case holds only for an ordinary user.
    if (process.getuid?.() !== 0) cases.push([['--edit', unreadable, '--text', 'add types', '--in-place'], /cannot read it \(EACCES\)/]);
    else console.log('skipping the unreadable-file case: running as root, which reads any file');
    const results = await Promise.all(cases.map(async ([args]) => cli(args)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
    for (const [path, bytes] of before) expect(readFileSync(path).equals(bytes)).toBe(true);
    chmodSync(unreadable, 0o600);
    expect(readFileSync(unreadable, 'utf8')).toBe('const a = 1;\n');
    expect(generateCalls()).toBe(0);
  });

  it('documents --edit, --lines, --diff and --in-place in --help', async () => {
    const r = await cli(['--help']);
    for (const option of ['--edit FILE', '--lines A-B', '--diff', '--in-place']) expect(r.stdout).toContain(option);
  });
});
