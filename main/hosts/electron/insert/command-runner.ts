// How the inserters run external tools (xdotool, xclip, wtype, osascript, PowerShell): one injected interface, so every platform's path is testable with a fake.

export interface RunOptions {
  /** Written to the tool's stdin, then stdin is closed. */
  input?: string | Buffer;
  signal?: AbortSignal;
  /** The tool is killed when it runs longer (a hung X server must not hang a paste). */
  timeoutMs?: number;
  /**
   * The tool forks a helper that outlives it (xclip -i keeps serving the selection): its stdout and stderr
   * go to /dev/null so the helper holds no pipe of ours, and only the direct child's exit is awaited.
   */
  detached?: boolean;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  /** The same output as bytes, for binary clipboard formats (image/png). */
  stdoutBytes: Buffer;
  stderr: string;
}

export interface CommandRunner {
  /**
   * Runs file with args (never through a shell). Resolves with the exit code, even a non-zero one; rejects
   * with AppError UNAVAILABLE (details.reason 'no-tool') when the file does not exist, TIMEOUT past
   * timeoutMs and CANCELLED when the signal aborts.
   */
  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

/** The first line of a tool's complaint, for messages and logs. */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
