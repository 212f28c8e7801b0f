// The system clipboard (Electron: clipboard.readText/writeText).
export interface ClipboardService {
  readText(): string;
  writeText(text: string): void;
}
