// Permission requests and checks: the microphone only, and only for our own origin; everything else is denied.
import { isOwnUrl } from './app-origin.js';

export interface PermissionRequestDetails {
  requestingUrl?: string;
  mediaTypes?: readonly string[];
  isMainFrame?: boolean;
}

export interface PermissionCheckDetails {
  requestingUrl?: string;
  mediaType?: string;
  isMainFrame?: boolean;
}

/** True when a 'media' request asks for audio and nothing else (a camera is never needed). */
function audioOnly(mediaTypes: readonly string[] | undefined): boolean {
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'audio');
}

/** The function passed to session.setPermissionRequestHandler. */
export function createPermissionRequestHandler(onDenied: (permission: string, url: string | undefined) => void = () => undefined) {
  return (_webContents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionRequestDetails): void => {
    const granted = permission === 'media' && audioOnly(details.mediaTypes) && isOwnUrl(details.requestingUrl);
    if (!granted) onDenied(permission, details.requestingUrl);
    callback(granted);
  };
}

/** The function passed to session.setPermissionCheckHandler (synchronous checks such as enumerateDevices). */
export function createPermissionCheckHandler() {
  return (_webContents: unknown, permission: string, requestingOrigin: string, details: PermissionCheckDetails): boolean => {
    if (permission !== 'media' || details.mediaType !== 'audio') return false;
    return isOwnUrl(details.requestingUrl ?? `${requestingOrigin}/`);
  };
}
