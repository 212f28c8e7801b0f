// Applies the security checklist to a session and to each webContents: the adapter passes Electron's objects, tests pass fakes.
import type { Logger } from '../../../core/logger.js';
import { createCspHeaderInjector } from './csp-header.js';
import type { NavigationGuard } from './navigation-guard.js';
import { createPermissionCheckHandler, createPermissionRequestHandler } from './permission-handler.js';

export interface SessionLike {
  setPermissionRequestHandler(handler: ReturnType<typeof createPermissionRequestHandler>): void;
  setPermissionCheckHandler(handler: ReturnType<typeof createPermissionCheckHandler>): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  webRequest: { onHeadersReceived(listener: ReturnType<typeof createCspHeaderInjector>): void };
}

type PreventableListener = (event: { preventDefault(): void }, url: string) => void;

export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: PreventableListener): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface SessionSecurityStats {
  deniedPermissions: number;
}

/** Permissions (microphone for our origin only), no USB/HID/serial devices, and our CSP on every HTTP response. */
export function secureSession(session: SessionLike, logger: Logger): SessionSecurityStats {
  const stats: SessionSecurityStats = { deniedPermissions: 0 };
  session.setPermissionRequestHandler(
    createPermissionRequestHandler((permission, url) => {
      stats.deniedPermissions++;
      logger.warn({ permission, url: url?.slice(0, 200) }, 'permission denied');
    }),
  );
  session.setPermissionCheckHandler(createPermissionCheckHandler());
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived(createCspHeaderInjector());
  return stats;
}

/** No navigation away, no new windows, no webviews, in every window we create. */
export function secureWebContents(contents: WebContentsLike, guard: NavigationGuard): void {
  const block: PreventableListener = (event, url) => guard.onWillNavigate(event, url);
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (event) => guard.onWillAttachWebview(event));
  contents.setWindowOpenHandler((details) => guard.windowOpenHandler(details));
}
