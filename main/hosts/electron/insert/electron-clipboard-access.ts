// ClipboardAccess over the Electron shell's clipboard (its ClipboardService): every call is awaited, as Electron 45's clipboard is promise-based.
import type { ClipboardAccess, ClipboardFormat, ClipboardSnapshot } from './clipboard-access.js';

/**
 * The shell's ClipboardService, declared structurally so this folder never imports 'electron'. readFormats/writeFormats
 * (Electron's clipboard.read/write) let us save and restore HTML, RTF and images too; without them only text comes back.
 */
export interface RichClipboard {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  readFormats?(): Promise<ClipboardFormat[]>;
  /** Writes text and the other formats as one clipboard entry. */
  writeFormats?(text: string, formats: readonly ClipboardFormat[]): Promise<void>;
}

export class ElectronClipboardAccess implements ClipboardAccess {
  constructor(private readonly clipboard: RichClipboard) {}

  readText(): Promise<string> {
    return this.clipboard.readText();
  }

  writeText(text: string): Promise<void> {
    return this.clipboard.writeText(text);
  }

  async save(): Promise<ClipboardSnapshot> {
    const [text, formats] = await Promise.all([this.clipboard.readText(), this.clipboard.readFormats?.() ?? Promise.resolve([])]);
    return { text, formats: formats.filter((f) => f.data.length > 0) };
  }

  async restore(snapshot: ClipboardSnapshot): Promise<void> {
    if (this.clipboard.writeFormats && snapshot.formats.length > 0) await this.clipboard.writeFormats(snapshot.text, snapshot.formats);
    else await this.clipboard.writeText(snapshot.text);
  }
}
