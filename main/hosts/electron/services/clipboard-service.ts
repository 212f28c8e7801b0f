// The system clipboard (Electron: clipboard.readText/writeText).
export interface ClipboardService {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}
