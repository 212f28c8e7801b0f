// ClipboardService and NotificationService on Electron's clipboard (promise-based since Electron 45) and Notification.
import { clipboard, ClipboardItem, Notification } from 'electron';
import type { ClipboardEntry, ClipboardService } from './services/clipboard-service.js';
import type { NotificationService } from './services/notification-service.js';

// A format bigger than this (a screenshot of a 5K screen is ~30 MB as PNG) is not saved for the restore: holding it costs more than losing it.
const MAX_SAVED_FORMAT_BYTES = 32 * 1024 * 1024;
// Bookmarks resolve to an object, not bytes; plain text is saved on its own.
const SKIPPED_TYPES = new Set(['text/plain', 'electron application/bookmark']);

async function readFormats(): Promise<ClipboardEntry[]> {
  const entries: ClipboardEntry[] = [];
  for (const item of await clipboard.read()) {
    for (const type of item.types) {
      if (SKIPPED_TYPES.has(type)) continue;
      const blob = await item.getType(type);
      if (!(blob instanceof Blob) || blob.size === 0 || blob.size > MAX_SAVED_FORMAT_BYTES) continue;
      entries.push({ type, data: Buffer.from(await blob.arrayBuffer()) });
    }
  }
  return entries;
}

export function createElectronClipboardService(): ClipboardService {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
    readFormats,
    writeFormats: (text, formats) => {
      const parts: Record<string, string | Blob> = text.length > 0 ? { 'text/plain': text } : {};
      for (const f of formats) parts[f.type] = new Blob([new Uint8Array(f.data)], { type: f.type });
      return clipboard.write([new ClipboardItem(parts)]);
    },
  };
}

export function createElectronNotificationService(): NotificationService {
  return {
    show({ title, body }) {
      if (!Notification.isSupported()) return;
      new Notification({ title, body, silent: true }).show();
    },
  };
}
