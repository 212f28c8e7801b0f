// ClipboardAccess through xclip, for X11 when no Electron clipboard is at hand (tests, a headless helper).
import { sleep } from '../../../core/abort.js';
import { AppError } from '../../../core/errors.js';
import type { ClipboardAccess, ClipboardFormat, ClipboardSnapshot } from './clipboard-access.js';
import { firstLine, type CommandRunner } from './command-runner.js';

const TEXT_TARGETS = new Set(['UTF8_STRING', 'STRING', 'TEXT', 'text/plain', 'text/plain;charset=utf-8']);
// Formats worth saving when the clipboard holds no text (a copied image must survive a paste).
const BINARY_TARGETS = ['image/png', 'image/jpeg', 'image/gif', 'image/bmp', 'text/uri-list'];

/** How long a write waits for xclip's helper to own the clipboard, and how often it looks. */
const OWNERSHIP_WAIT_MS = 1_000;
const OWNERSHIP_POLL_MS = 10;

export class XclipClipboard implements ClipboardAccess {
  constructor(private readonly runner: CommandRunner, private readonly timeoutMs = 2_000) {}

  async readText(signal?: AbortSignal): Promise<string> {
    const result = await this.runner.run('xclip', ['-selection', 'clipboard', '-o', '-t', 'UTF8_STRING'], { signal, timeoutMs: this.timeoutMs });
    // xclip exits 1 with "target ... not available" when the clipboard is empty or holds no text.
    return result.exitCode === 0 ? result.stdout : '';
  }

  async writeText(text: string, signal?: AbortSignal): Promise<void> {
    await this.write('UTF8_STRING', Buffer.from(text, 'utf8'), signal);
    // xclip forks before its helper takes the selection: until it has, a read (a paste) still gets the old owner's
    // text (CI read the pasted code back after a restore). Done when the clipboard reads back what was written.
    for (let waited = 0; waited < OWNERSHIP_WAIT_MS; waited += OWNERSHIP_POLL_MS) {
      if ((await this.readText(signal)) === text) return;
      await sleep(OWNERSHIP_POLL_MS, signal);
    }
  }

  async save(signal?: AbortSignal): Promise<ClipboardSnapshot> {
    const targets = await this.targets(signal);
    const text = [...targets].some((t) => TEXT_TARGETS.has(t)) ? await this.readText(signal) : '';
    const formats: ClipboardFormat[] = [];
    // xclip serves one target per owner, so only one format can come back: text when there is any, else the
    // first binary format (an image copied from a browser offers text/html too, which we cannot also restore).
    const binary = text.length === 0 ? BINARY_TARGETS.find((t) => targets.has(t)) : undefined;
    if (binary !== undefined) {
      const result = await this.runner.run('xclip', ['-selection', 'clipboard', '-o', '-t', binary], { signal, timeoutMs: this.timeoutMs });
      if (result.exitCode === 0) formats.push({ type: binary, data: result.stdoutBytes });
    }
    return { text, formats };
  }

  async restore(snapshot: ClipboardSnapshot, signal?: AbortSignal): Promise<void> {
    const binary = snapshot.text.length === 0 ? snapshot.formats[0] : undefined;
    if (binary !== undefined) await this.write(binary.type, binary.data, signal);
    else await this.writeText(snapshot.text, signal);
  }

  private async targets(signal?: AbortSignal): Promise<Set<string>> {
    const result = await this.runner.run('xclip', ['-selection', 'clipboard', '-o', '-t', 'TARGETS'], { signal, timeoutMs: this.timeoutMs });
    return new Set(result.exitCode === 0 ? result.stdout.split('\n').map((t) => t.trim()).filter((t) => t.length > 0) : []);
  }

  private async write(target: string, data: Buffer, signal?: AbortSignal): Promise<void> {
    // xclip -i takes the selection, then forks a helper that serves it until another app takes it over; the
    // helper must keep no pipe of ours (detached), or waiting for the tool would wait for the next copy.
    const result = await this.runner.run('xclip', ['-selection', 'clipboard', '-i', '-t', target], { input: data, signal, timeoutMs: this.timeoutMs, detached: true });
    if (result.exitCode !== 0) {
      throw new AppError('UNAVAILABLE', `The clipboard could not be written (xclip: ${firstLine(result.stderr) || `exit ${result.exitCode}`}).`, { retryable: false, details: { reason: 'failed' } });
    }
  }
}
