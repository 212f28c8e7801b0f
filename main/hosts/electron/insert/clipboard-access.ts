// The clipboard as paste needs it: text, plus a snapshot of every format the platform lets us save and put back.

/** One saved clipboard format: a MIME type or platform name (text/html, image/png) and its bytes. */
export interface ClipboardFormat {
  type: string;
  data: Buffer;
}

/** What the clipboard held before we pasted, to put back afterwards. */
export interface ClipboardSnapshot {
  text: string;
  /** Formats besides plain text that were saved (empty where the platform only lets us save text). */
  formats: readonly ClipboardFormat[];
}

export interface ClipboardAccess {
  /** Plain text on the clipboard; '' when it is empty or holds no text. */
  readText(signal?: AbortSignal): Promise<string>;
  writeText(text: string, signal?: AbortSignal): Promise<void>;
  /** Saves what can be saved (text always, other formats where the platform allows). */
  save(signal?: AbortSignal): Promise<ClipboardSnapshot>;
  /** Puts a snapshot back as closely as the platform allows. */
  restore(snapshot: ClipboardSnapshot, signal?: AbortSignal): Promise<void>;
}

/** Whether the clipboard text is still the text we wrote (platforms may turn \n into \r\n on the way). */
export function sameClipboardText(a: string, b: string): boolean {
  return a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}
