// What Settings says above the form: settings repaired at start, where an API key is kept, what a save did to keys.
import { restartNotice } from './settings-fields';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 20) : [];
}

/** Standing notices from settings.get: repaired values (issue 18) and a key kept for this session only. */
export function settingsNotices(settings: Record<string, unknown> | null): string[] {
  if (!settings) return [];
  const repaired = strings(settings['warnings']).map((w) => `Repaired when Voice CodeGen started: ${w}`);
  const key = typeof settings['keyNotice'] === 'string' ? [settings['keyNotice']] : [];
  return [...key, ...repaired];
}

/** The notice after a save: how many changes, whether a restart is needed, and what happened to keys. */
export function savedNotice(changed: number, answer: Record<string, unknown>): string {
  const restart = answer['restartRequired'] === true ? restartNotice(answer['restartFor']) || ' Restart Voice CodeGen to apply these changes.' : '';
  const keys = strings(answer['notices']);
  return [`Saved ${changed} ${changed === 1 ? 'change' : 'changes'}.${restart}`, ...keys].join(' ');
}
