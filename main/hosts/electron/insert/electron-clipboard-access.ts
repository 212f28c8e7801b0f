// ClipboardAccess over the Electron shell's synchronous clipboard: Electron's `clipboard` object fits RichClipboard as is.
import type { ClipboardAccess, ClipboardFormat, ClipboardSnapshot } from './clipboard-access.js';

/**
 * The shell's ClipboardService (text only) or, better, Electron's `clipboard` module, whose readHTML/readRTF/write
 * let us save and restore HTML and RTF too. Declared structurally so this folder never imports 'electron'.
 */
export interface RichClipboard {
  readText(): string;
  writeText(text: string): void;
  readHTML?(): string;
  readRTF?(): string;
  /** Writes several formats as one clipboard entry (Electron's clipboard.write). */
  write?(data: { text?: string; html?: string; rtf?: string }): void;
}

export class ElectronClipboardAccess implements ClipboardAccess {
  constructor(private readonly clipboard: RichClipboard) {}

  readText(): Promise<string> {
    return Promise.resolve(this.clipboard.readText());
  }

  writeText(text: string): Promise<void> {
    this.clipboard.writeText(text);
    return Promise.resolve();
  }

  save(): Promise<ClipboardSnapshot> {
    const formats: ClipboardFormat[] = [];
    const html = this.clipboard.readHTML?.() ?? '';
    if (html.length > 0) formats.push({ type: 'text/html', data: Buffer.from(html, 'utf8') });
    const rtf = this.clipboard.readRTF?.() ?? '';
    if (rtf.length > 0) formats.push({ type: 'text/rtf', data: Buffer.from(rtf, 'utf8') });
    return Promise.resolve({ text: this.clipboard.readText(), formats });
  }

  restore(snapshot: ClipboardSnapshot): Promise<void> {
    const html = snapshot.formats.find((f) => f.type === 'text/html')?.data.toString('utf8');
    const rtf = snapshot.formats.find((f) => f.type === 'text/rtf')?.data.toString('utf8');
    if (this.clipboard.write && (html !== undefined || rtf !== undefined)) {
      this.clipboard.write({ text: snapshot.text, ...(html !== undefined ? { html } : {}), ...(rtf !== undefined ? { rtf } : {}) });
    } else {
      this.clipboard.writeText(snapshot.text);
    }
    return Promise.resolve();
  }
}
