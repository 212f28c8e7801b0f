// The system clipboard (Electron 45: the promise-based clipboard.readText/writeText/read/write).

/** One clipboard format besides plain text: a MIME type (text/html, image/png) and its bytes. */
export interface ClipboardEntry {
  type: string;
  data: Buffer;
}

export interface ClipboardService {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  /** Every format the clipboard offers besides plain text, so a paste can put the user's clipboard back whole. */
  readFormats?(): Promise<ClipboardEntry[]>;
  /** Writes text and those formats as one clipboard entry. */
  writeFormats?(text: string, formats: readonly ClipboardEntry[]): Promise<void>;
}
