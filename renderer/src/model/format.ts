// Formatting helpers for durations, ages, times, byte sizes and ratios shown in the views.

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Milliseconds as a bare number for tables whose header names the unit. */
export function formatMsShort(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i] ?? 'B'}`;
}

export function formatPercent(ratio: number, digits = 0): string {
  if (!Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatCount(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : '–';
}

/** "retry in 42 s" from milliseconds. */
export function formatRetry(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 90) return `${s} s`;
  return `${Math.ceil(s / 60)} min`;
}

export const TIER_LABELS: Readonly<Record<string, string>> = { l1: 'memory (L1)', l2: 'Redis (L2)', l3: 'disk (L3)' };

export function intentLabel(intent: string | null | undefined): string {
  if (!intent) return '–';
  return intent.replace(/_/g, ' ');
}

/** An Electron accelerator as people read it: CommandOrControl+Shift+Space -> Ctrl+Shift+Space (Cmd on a Mac). */
export function formatAccelerator(accelerator: string, mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)): string {
  return accelerator
    .replace(/\b(?:CommandOrControl|CmdOrCtrl)\b/g, mac ? 'Cmd' : 'Ctrl')
    .replace(/\bControl\b/g, 'Ctrl')
    .replace(/\bCommand\b/g, 'Cmd');
}
