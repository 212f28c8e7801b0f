// Turns the focus read at hotkey down into the profile a request runs with (settings.profiles), and keeps the title local unless allowed.
import type { Settings } from '../config/schema.js';
import type { PipelineProfile } from '../pipeline/ports.js';
import { resolveProfile, switchableProfiles, type FocusContext } from '../profiles/profiles.js';

/** Where the app gets the focus captured at the latest hotkey down (the desktop shell sets it; web and CLI have none). */
export type FocusSource = () => Promise<FocusContext | undefined> | undefined;

/** The user's shell from $SHELL (or ComSpec on Windows), for terminal output; passed by the composition root. */
export function userShell(env: Readonly<Record<string, string | undefined>>, platform: string): string {
  const path = env.SHELL ?? (platform === 'win32' ? 'powershell' : 'bash');
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).slice(0, 40);
}

export function profileForFocus(focus: FocusContext | undefined, settings: Pick<Settings, 'profiles'>, shell?: string): PipelineProfile {
  const applied = resolveProfile(focus, { rules: settings.profiles.rules, ...(shell ? { shell } : {}) });
  const title = settings.profiles.sendWindowTitle && focus?.available ? focus.title?.trim() : undefined;
  return {
    id: applied.id,
    label: applied.label,
    style: applied.style,
    ...(applied.language ? { language: applied.language } : {}),
    ...(applied.promptLine ? { promptLine: applied.promptLine } : {}),
    ...(title ? { windowTitle: title } : {}),
  };
}

/** The profile for a dictation: settled from the focus promise; a failed or missing read gives the default profile. */
export function profileFromSource(source: FocusSource | undefined, settings: Pick<Settings, 'profiles'>, shell?: string): Promise<PipelineProfile | undefined> | undefined {
  const focus = source?.();
  if (focus === undefined) return undefined;
  return focus.then(
    (f) => profileForFocus(f, settings, shell),
    () => undefined,
  );
}

/** The profile the overlay switched a request to ('auto': undefined, back to the focused app's). */
export function chosenProfile(id: string, shell?: string): PipelineProfile | undefined {
  if (id === 'auto') return undefined;
  const found = switchableProfiles(shell).find((p) => p.id === id);
  return found === undefined ? undefined : { id: found.id, label: found.label, style: found.style, ...(found.language ? { language: found.language } : {}) };
}
