// Small per-browser flags (onboarding done, privacy notice seen) kept in localStorage; failures fall back to memory.

const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    memory.set(key, value);
  }
}

export const PREF_ONBOARDED = 'vcg.onboarded';
export const PREF_NOTICE_SEEN = 'vcg.privacyNoticeSeen';
export const PREF_NOTE_DISMISSED = 'vcg.modeNoteDismissed';

export function getFlag(key: string): boolean {
  return read(key) === '1';
}

export function setFlag(key: string, value: boolean): void {
  write(key, value ? '1' : '0');
}

export const PREF_MIC_DEVICE = 'vcg.micDeviceId';

export function getString(key: string): string | null {
  return read(key);
}

export function setString(key: string, value: string): void {
  write(key, value);
}
