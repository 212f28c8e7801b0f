// A fake CommandRunner for the insert and selection tests: records every command and answers from the test's reply function.
import type { CommandRunner, RunOptions, RunResult } from '../../main/hosts/electron/insert/command-runner.js';

/** What a test's reply function returns for one command: the parts of its result that matter, or an error to reject with. */
export type Reply = Partial<RunResult> | Error;

/** Records every command and answers it with `reply(file, args)` (by default exit 0 and no output). */
export class FakeRunner implements CommandRunner {
  readonly calls: Array<{ file: string; args: readonly string[]; options: RunOptions }> = [];
  constructor(private readonly reply: (file: string, args: readonly string[]) => Reply = () => ({})) {}
  run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    this.calls.push({ file, args, options });
    const r = this.reply(file, args);
    if (r instanceof Error) return Promise.reject(r);
    const stdout = r.stdout ?? (r.stdoutBytes ? r.stdoutBytes.toString() : '');
    return Promise.resolve({ exitCode: r.exitCode ?? 0, stdout, stdoutBytes: r.stdoutBytes ?? Buffer.from(stdout), stderr: r.stderr ?? '' });
  }
  /** The programs run, in order. */
  files(): string[] {
    return this.calls.map((c) => c.file);
  }
  /** Each command as one line: the program and its arguments. */
  commandLines(): string[] {
    return this.calls.map((c) => [c.file, ...c.args].join(' '));
  }
}
