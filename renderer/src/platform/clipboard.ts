// Copies text: the browser clipboard first, then main's 'clipboard.copy' (Electron, or a page without clipboard permission).
import type { Api } from '../../../preload/contract';

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
