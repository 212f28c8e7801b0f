// Navigation and new windows: a window never leaves our renderer and never opens another; https links go to the browser.
import type { Logger } from '../../../core/logger.js';

export interface NavigationGuardOptions {
  logger: Logger;
  /** Opens an https link in the user's browser (Electron: shell.openExternal); absent: links are just blocked. */
  openExternal?: (url: string) => Promise<void>;
}

export interface NavigationGuardStats {
  blockedNavigations: number;
  deniedWindows: number;
}

export interface NavigationGuard {
  readonly stats: NavigationGuardStats;
  /** For webContents.on('will-navigate') and ('will-redirect'). */
  onWillNavigate(event: { preventDefault(): void }, url: string): void;
  /** For webContents.setWindowOpenHandler. */
  windowOpenHandler(details: { url: string }): { action: 'deny' };
  /** For webContents.on('will-attach-webview'). */
  onWillAttachWebview(event: { preventDefault(): void }): void;
}

function isHttpsLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export function createNavigationGuard(options: NavigationGuardOptions): NavigationGuard {
  const stats: NavigationGuardStats = { blockedNavigations: 0, deniedWindows: 0 };
  const external = (url: string): void => {
    if (!options.openExternal || !isHttpsLink(url)) return;
    options.openExternal(url).catch((error: unknown) => options.logger.warn({ error: String(error) }, 'could not open the link in the browser'));
  };
  return {
    stats,
    onWillNavigate(event, url) {
      // The renderer is a single page: any navigation is either a bug or an attack.
      event.preventDefault();
      stats.blockedNavigations++;
      options.logger.warn({ url: url.slice(0, 200) }, 'navigation blocked');
      external(url);
    },
    windowOpenHandler(details) {
      stats.deniedWindows++;
      external(details.url);
      return { action: 'deny' };
    },
    onWillAttachWebview(event) {
      event.preventDefault();
    },
  };
}
