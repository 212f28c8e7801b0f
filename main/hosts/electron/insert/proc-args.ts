// Linux: a process's argv[0] from /proc/PID/cmdline, read without starting `ps` (one process less at hotkey down).
import { readFile } from 'node:fs/promises';

/** argv[0] of the process, or undefined when it is gone or unreadable (another user's process, no /proc). */
export async function readProcArgv0(pid: string): Promise<string | undefined> {
  if (!/^\d+$/.test(pid)) return undefined;
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    const argv0 = cmdline.slice(0, cmdline.indexOf('\0') >= 0 ? cmdline.indexOf('\0') : cmdline.length);
    return argv0.length > 0 ? argv0 : undefined;
  } catch {
    return undefined;
  }
}
