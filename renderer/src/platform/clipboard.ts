// Copies text: the browser clipboard first, then main's 'clipboard.copy' (Electron, or a page without clipboard permission).
import type { Api } from '../../../preload/contract';
import { ApiCallError } from '../api/ws-api';

export async function copyText(api: Api, text: string): Promise<boolean> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or not focused: fall through to main, which owns the system clipboard.
  }
  try {
    const { ok } = await api.call('clipboard.copy', { text });
    return ok;
  } catch {
    return false;
  }
}

/**
 * Browser mode's quick commands: the page reads the clipboard when the user clicks (the browser asks for permission
 * the first time). A refusal becomes an error the view can show, saying what to do.
 */
export async function readBrowserClipboard(): Promise<string> {
  if (typeof navigator === 'undefined' || !navigator.clipboard || !window.isSecureContext) {
    throw new ApiCallError({ code: 'VALIDATION', message: 'This page cannot read the clipboard. Paste the code into the text box and say what to do with it.', retryable: false });
  }
  try {
    return await navigator.clipboard.readText();
  } catch {
    throw new ApiCallError({ code: 'VALIDATION', message: 'The browser did not let Voice CodeGen read the clipboard. Allow clipboard access for this page (the lock icon in the address bar), then click the command again.', retryable: true });
  }
}
