// ClipboardService and NotificationService on Electron's clipboard and Notification.
import { clipboard, Notification } from 'electron';
import type { ClipboardService } from './services/clipboard-service.js';
import type { NotificationService } from './services/notification-service.js';

export function createElectronClipboardService(): ClipboardService {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
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
