// The overlay's keyboard chords: registered only while it shows a result or an error, released when it hides; never plain keys, never a shortcut the platform or a common editor uses.
import type { ResultAction } from '../../../../preload/contract.js';
import type { Logger } from '../../../core/logger.js';
import type { HotkeyService } from '../services/hotkey-service.js';
import type { WindowService } from '../services/window-service.js';

export type ChordPlatform = 'darwin' | 'win32' | 'linux';
export type OverlayKind = 'done' | 'error';

/** Candidates per action, first free one wins: three modifiers, so no app's single-chord shortcut is taken while the overlay shows. */
export const CHORD_CANDIDATES: Readonly<Record<Exclude<ResultAction, 'apply'>, readonly string[]>> = {
  paste: ['CommandOrControl+Alt+Shift+Enter', 'CommandOrControl+Alt+Shift+P'],
  copy: ['CommandOrControl+Alt+Shift+Y', 'CommandOrControl+Alt+Shift+K'],
  'open-main': ['CommandOrControl+Alt+Shift+M', 'CommandOrControl+Alt+Shift+W'],
  dismiss: ['CommandOrControl+Alt+Shift+X', 'CommandOrControl+Alt+Shift+Backspace'],
};

/** Which actions have a chord in each state (an edit's Apply uses the paste chord). */
const ACTIONS_BY_KIND: Readonly<Record<OverlayKind, readonly (keyof typeof CHORD_CANDIDATES)[]>> = {
  done: ['paste', 'copy', 'open-main', 'dismiss'],
  error: ['open-main', 'dismiss'],
};

/**
 * Shortcuts checked against, as written in each vendor's keymap (Linux/Windows use Ctrl, macOS Cmd/Option): the
 * platform's own, terminals', browsers', and the common editors' (VS Code, JetBrains, Sublime Text, Xcode) that use
 * three modifiers or look like ours. A candidate equal to one of these is never registered.
 */
export const RESERVED_SHORTCUTS: Readonly<Record<ChordPlatform, readonly string[]>> = {
  linux: [
    // GNOME/KDE: workspaces, zap the X server, screen recording, terminal, lock, log out.
    'Ctrl+Alt+Shift+Left', 'Ctrl+Alt+Shift+Right', 'Ctrl+Alt+Shift+Up', 'Ctrl+Alt+Shift+Down', 'Ctrl+Alt+Backspace', 'Ctrl+Alt+Shift+R', 'Ctrl+Alt+T', 'Ctrl+Alt+L', 'Ctrl+Alt+Delete', 'Ctrl+Alt+D',
    // Terminals.
    'Ctrl+Shift+C', 'Ctrl+Shift+V', 'Ctrl+Shift+T', 'Ctrl+Shift+N', 'Ctrl+Shift+W', 'Ctrl+Shift+Q',
    // JetBrains (default keymap): copy reference, paste as plain text, refactor this, go to symbol, project structure, inspections, reformat, select all occurrences, scratch file, diagrams.
    'Ctrl+Alt+Shift+C', 'Ctrl+Alt+Shift+V', 'Ctrl+Alt+Shift+T', 'Ctrl+Alt+Shift+N', 'Ctrl+Alt+Shift+S', 'Ctrl+Alt+Shift+I', 'Ctrl+Alt+Shift+L', 'Ctrl+Alt+Shift+J', 'Ctrl+Alt+Shift+Insert', 'Ctrl+Alt+Shift+U', 'Ctrl+Alt+Shift+F',
    // VS Code: command palette, views, markdown preview, insert line above, column selection.
    'Ctrl+Shift+P', 'Ctrl+Shift+E', 'Ctrl+Shift+F', 'Ctrl+Shift+G', 'Ctrl+Shift+D', 'Ctrl+Shift+X', 'Ctrl+Shift+M', 'Ctrl+Shift+U', 'Ctrl+Shift+Y', 'Ctrl+Shift+K', 'Ctrl+Shift+Enter', 'Ctrl+Shift+L', 'Ctrl+Shift+O', 'Ctrl+Alt+Shift+Up', 'Ctrl+Alt+Shift+PageUp', 'Ctrl+Alt+Shift+PageDown',
    // Sublime Text and browsers.
    'Ctrl+Alt+P', 'Ctrl+Shift+I', 'Ctrl+Shift+J', 'Ctrl+Shift+B', 'Ctrl+Shift+Delete', 'Ctrl+Shift+R',
  ],
  win32: [
    'Ctrl+Alt+Delete', 'Ctrl+Shift+Esc', 'Ctrl+Alt+Shift+S', 'Ctrl+Alt+Shift+C', 'Ctrl+Alt+Shift+V', 'Ctrl+Alt+Shift+T', 'Ctrl+Alt+Shift+N', 'Ctrl+Alt+Shift+I', 'Ctrl+Alt+Shift+L',
    'Ctrl+Alt+Shift+J', 'Ctrl+Alt+Shift+Insert', 'Ctrl+Alt+Shift+U', 'Ctrl+Alt+Shift+F', 'Ctrl+Alt+Shift+Up', 'Ctrl+Alt+Shift+Down', 'Ctrl+Alt+Shift+Left', 'Ctrl+Alt+Shift+Right', 'Ctrl+Alt+Shift+PageUp', 'Ctrl+Alt+Shift+PageDown',
    'Ctrl+Shift+C', 'Ctrl+Shift+V', 'Ctrl+Shift+P', 'Ctrl+Shift+E', 'Ctrl+Shift+F', 'Ctrl+Shift+K', 'Ctrl+Shift+Enter', 'Ctrl+Shift+L', 'Ctrl+Shift+O', 'Ctrl+Shift+T', 'Ctrl+Shift+N', 'Ctrl+Shift+I', 'Ctrl+Shift+J',
  ],
  darwin: [
    // macOS: force quit the front app, paste and match style, screenshots, Spotlight, app switcher.
    'Cmd+Alt+Shift+Esc', 'Cmd+Alt+Shift+V', 'Cmd+Shift+3', 'Cmd+Shift+4', 'Cmd+Shift+5', 'Cmd+Space', 'Cmd+Tab', 'Cmd+Alt+Esc', 'Cmd+Shift+Q',
    // JetBrains (macOS keymap), Xcode, VS Code.
    'Cmd+Alt+Shift+C', 'Cmd+Alt+Shift+T', 'Cmd+Alt+Shift+N', 'Cmd+Alt+Shift+O', 'Cmd+Alt+Shift+L', 'Cmd+Alt+Shift+J', 'Cmd+Alt+Shift+S', 'Cmd+Alt+Shift+I', 'Cmd+Alt+Shift+F', 'Cmd+Alt+Shift+U',
    'Cmd+Alt+Shift+Up', 'Cmd+Alt+Shift+Down', 'Cmd+Alt+Shift+Left', 'Cmd+Alt+Shift+Right', 'Cmd+Alt+Shift+K', 'Cmd+Alt+Shift+R',
    'Cmd+Shift+P', 'Cmd+Shift+E', 'Cmd+Shift+F', 'Cmd+Shift+K', 'Cmd+Shift+Enter', 'Cmd+Shift+L', 'Cmd+Shift+O', 'Cmd+Shift+Y', 'Cmd+Shift+M', 'Cmd+Shift+X',
  ],
};

const MODIFIER_ORDER = ['Cmd', 'Ctrl', 'Alt', 'Shift', 'Super'] as const;
const MODIFIER_NAMES: Record<string, (p: ChordPlatform) => string> = {
  commandorcontrol: (p) => (p === 'darwin' ? 'Cmd' : 'Ctrl'), cmdorctrl: (p) => (p === 'darwin' ? 'Cmd' : 'Ctrl'),
  command: () => 'Cmd', cmd: () => 'Cmd', control: () => 'Ctrl', ctrl: () => 'Ctrl', alt: () => 'Alt', option: () => 'Alt',
  shift: () => 'Shift', super: () => 'Super', meta: () => 'Super',
};
const KEY_ALIASES: Record<string, string> = { return: 'Enter', escape: 'Esc' };

/** One spelling per shortcut on a platform ("CommandOrControl+Shift+Alt+enter" and "Ctrl+Alt+Shift+Enter" match on Linux). */
export function normaliseShortcut(accelerator: string, platform: ChordPlatform): string {
  const parts = accelerator.split('+').map((p) => p.trim()).filter((p) => p.length > 0).slice(0, 6);
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => MODIFIER_NAMES[p.toLowerCase()]?.(platform) ?? p));
  const lowerKey = key.toLowerCase();
  const keyName = KEY_ALIASES[lowerKey] ?? (key.length === 1 ? key.toUpperCase() : key.charAt(0).toUpperCase() + key.slice(1).toLowerCase());
  return [...MODIFIER_ORDER.filter((m) => mods.has(m)), keyName].join('+');
}

export type ChordMap = Partial<Record<ResultAction, string>>;

/** The chord each action gets on this platform: the first candidate not reserved and not one of the user's own hotkeys. */
export function pickOverlayChords(platform: ChordPlatform, userHotkeys: readonly string[]): ChordMap {
  const taken = new Set([...RESERVED_SHORTCUTS[platform], ...userHotkeys].map((s) => normaliseShortcut(s, platform)));
  const chosen: ChordMap = {};
  for (const [action, candidates] of Object.entries(CHORD_CANDIDATES) as [keyof typeof CHORD_CANDIDATES, readonly string[]][]) {
    const pick = candidates.find((c) => !taken.has(normaliseShortcut(c, platform)));
    if (pick !== undefined) {
      chosen[action] = pick;
      taken.add(normaliseShortcut(pick, platform));
    }
  }
  return chosen;
}

export interface OverlayChordsOptions {
  hotkeys: HotkeyService;
  platform: ChordPlatform;
  /** The user's dictation (and edit) hotkeys, never taken by a chord. */
  userHotkeys: () => readonly string[];
  /** What a chord does (the same handler as the overlay's buttons). */
  act: (requestId: number, action: ResultAction) => void;
  /** Tells the overlay which chords are live (empty when released), so it shows only keys that work. */
  announce: (requestId: number | null, keys: ChordMap) => void;
  logger: Logger;
}

/** Registers the chords for one shown result or error and releases every one of them when the overlay hides. */
export class OverlayChords {
  private active: string[] = [];

  constructor(private readonly options: OverlayChordsOptions) {}

  get registered(): readonly string[] {
    return this.active;
  }

  /** The overlay now shows a result (done) or an error for this request: its chords work until release(). */
  activate(kind: OverlayKind, requestId: number, options: { edit?: boolean } = {}): ChordMap {
    this.release();
    const picked = pickOverlayChords(this.options.platform, this.options.userHotkeys());
    const live: ChordMap = {};
    for (const action of ACTIONS_BY_KIND[kind]) {
      const accelerator = picked[action];
      if (accelerator === undefined) continue;
      // An edit's result is applied over the selection: the paste chord applies it.
      const does: ResultAction = action === 'paste' && options.edit ? 'apply' : action;
      if (this.options.hotkeys.register(accelerator, () => this.options.act(requestId, does))) {
        this.active.push(accelerator);
        live[does] = accelerator;
      } else {
        this.options.logger.info({ accelerator, action: does }, 'overlay chord held by another app; the button still works');
      }
    }
    this.options.announce(requestId, live);
    return live;
  }

  /** The overlay hid (or a new dictation started): no chord stays registered. */
  release(): void {
    if (this.active.length === 0) return;
    for (const accelerator of this.active) this.options.hotkeys.unregister(accelerator);
    this.active = [];
    this.options.announce(null, {});
  }
}

/**
 * The WindowService the desktop logic uses: the same windows, with the chords released whenever the overlay hides
 * (at once or after its delay) or shows for a new request.
 */
export function releasingChordsOnHide(windows: WindowService, chords: OverlayChords, timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout }): WindowService {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const cancel = (): void => {
    if (pending !== undefined) timers.clear(pending);
    pending = undefined;
  };
  return {
    showMain: (view, focus) => windows.showMain(view, focus),
    resizeOverlay: (size) => windows.resizeOverlay(size),
    broadcast: (event, payload) => windows.broadcast(event, payload),
    dispose: () => {
      cancel();
      windows.dispose();
    },
    showOverlay: () => {
      cancel();
      chords.release();
      windows.showOverlay();
    },
    hideOverlay: (afterMs = 0) => {
      cancel();
      windows.hideOverlay(afterMs);
      if (afterMs <= 0) chords.release();
      else pending = timers.set(() => {
        pending = undefined;
        chords.release();
      }, afterMs);
    },
  };
}
