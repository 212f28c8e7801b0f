// The page takes the launch token out of the address bar into its tab's sessionStorage, and offers it only as a WebSocket subprotocol.
import { describe, expect, it } from 'vitest';
import { takeLaunchToken, tokenProtocols } from '../../renderer/src/api/launch-token.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

function history(): { state: unknown; urls: string[]; replaceState(data: unknown, unused: string, url?: string): void } {
  const urls: string[] = [];
  return { state: { keep: 1 }, urls, replaceState: (_d, _u, url) => void urls.push(url ?? '') };
}

const TOKEN = 'AbCdEf0123456789_-xyzXYZ01234567';

describe('launch token', () => {
  it('moves the token from the URL into sessionStorage and cleans the address bar, keeping other parameters', () => {
    const storage = new MemoryStorage();
    const h = history();
    expect(takeLaunchToken({ href: `http://127.9.8.7:4000/?view=overlay&token=${TOKEN}#x` }, h, storage)).toBe(TOKEN);
    expect(h.urls).toEqual(['/?view=overlay#x']);
    expect([...storage.items.values()]).toEqual([TOKEN]);
  });

  it('after a reload, the token comes from sessionStorage and the URL is left alone', () => {
    const storage = new MemoryStorage();
    takeLaunchToken({ href: `http://127.9.8.7:4000/?token=${TOKEN}` }, history(), storage);
    const h = history();
    expect(takeLaunchToken({ href: 'http://127.9.8.7:4000/' }, h, storage)).toBe(TOKEN);
    expect(h.urls).toEqual([]);
  });

  it('a malformed token is dropped from the URL and not kept; without one there is no token', () => {
    const storage = new MemoryStorage();
    const h = history();
    expect(takeLaunchToken({ href: 'http://127.9.8.7:4000/?token=%3Cscript%3E' }, h, storage)).toBeNull();
    expect(h.urls).toEqual(['/']);
    expect(storage.items.size).toBe(0);
    expect(takeLaunchToken({ href: 'http://127.9.8.7:4000/' }, history(), storage)).toBeNull();
  });

  it('offers the fixed protocol name and the token protocol', () => {
    expect(tokenProtocols(TOKEN)).toEqual(['vcg.v1', `vcg.token.${TOKEN}`]);
  });
});
