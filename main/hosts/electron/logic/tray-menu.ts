// The tray menu as data: dictation, quick commands, the last results (click to copy, paste the last here), history, pause, settings, quit.
import { QUICK_COMMANDS, type QuickCommand } from '../../../../preload/contract.js';
import type { TrayMenuItem } from '../services/tray-service.js';
import type { DictationState } from './dictation-controller.js';
import { CONVERT_TARGETS, QUICK_COMMAND_LABELS } from './quick-commands.js';
import type { RecentResult } from './recent-results.js';

export interface TrayMenuState {
  dictation: DictationState;
  paused: boolean;
  accelerator: string | null;
  recent: readonly RecentResult[];
  /** Present where paste is set up; unavailable: why paste cannot work, shown while output.mode asks for it. */
  paste?: { unavailable?: string };
}

export interface TrayMenuActions {
  toggleDictation(): void;
  cancelDictation(): void;
  quick(command: QuickCommand, targetLanguage?: string): void;
  copyRecent(item: RecentResult): void;
  /** Pastes the newest result into the app focused now. */
  pasteLast(): void;
  openHistory(): void;
  setPaused(paused: boolean): void;
  openSettings(): void;
  quit(): void;
}

export function buildTrayMenu(state: TrayMenuState, actions: TrayMenuActions): TrayMenuItem[] {
  const hotkey = state.accelerator ? ` (${state.accelerator})` : '';
  const dictation: TrayMenuItem[] =
    state.dictation === 'recording'
      ? [
          { id: 'dictation.stop', label: 'Stop and send', onClick: () => actions.toggleDictation() },
          { id: 'dictation.cancel', label: 'Cancel (Esc)', onClick: () => actions.cancelDictation() },
        ]
      : state.dictation === 'finishing'
        ? [{ id: 'dictation.cancel', label: 'Cancel the request (Esc)', onClick: () => actions.cancelDictation() }]
        : [{ id: 'dictation.start', label: `Start dictation${hotkey}`, enabled: !state.paused, onClick: () => actions.toggleDictation() }];

  const quick: TrayMenuItem[] = QUICK_COMMANDS.map((command) =>
    command === 'convert_language'
      ? {
          id: `quick.${command}`,
          label: QUICK_COMMAND_LABELS[command],
          type: 'submenu' as const,
          enabled: !state.paused,
          submenu: CONVERT_TARGETS.map((lang) => ({ id: `quick.${command}.${lang}`, label: lang, onClick: () => actions.quick(command, lang) })),
        }
      : { id: `quick.${command}`, label: QUICK_COMMAND_LABELS[command], enabled: !state.paused, onClick: () => actions.quick(command) },
  );

  const recent: TrayMenuItem[] =
    state.recent.length === 0
      ? [{ id: 'recent.none', label: 'No results yet', enabled: false }]
      : state.recent.map((item, i) => ({ id: `recent.${i}`, label: `Copy: ${item.label}`, onClick: () => actions.copyRecent(item) }));

  const paste: TrayMenuItem[] =
    state.paste === undefined
      ? []
      : [
          { id: 'paste.last', label: 'Paste last result here', enabled: state.recent.length > 0, onClick: () => actions.pasteLast() },
          ...(state.paste.unavailable !== undefined ? [{ id: 'paste.status', label: `Paste: unavailable — ${shorten(state.paste.unavailable, 90)}`, enabled: false }] : []),
        ];

  return [
    ...dictation,
    { id: 'sep.1', label: '', type: 'separator' },
    { id: 'quick', label: 'Quick commands on the clipboard', type: 'submenu', submenu: quick },
    { id: 'recent', label: 'Recent results', type: 'submenu', submenu: recent },
    ...paste,
    { id: 'sep.2', label: '', type: 'separator' },
    { id: 'history', label: 'Open history', onClick: () => actions.openHistory() },
    { id: 'pause', label: 'Pause the hotkey', type: 'checkbox', checked: state.paused, onClick: () => actions.setPaused(!state.paused) },
    { id: 'settings', label: 'Settings…', onClick: () => actions.openSettings() },
    { id: 'sep.3', label: '', type: 'separator' },
    { id: 'quit', label: 'Quit Voice CodeGen', onClick: () => actions.quit() },
  ];
}

/** Menu labels stay on one line: the full text is in the notification and the tooltip. */
export function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Finds an item by id anywhere in the menu (tests and the adapter's click routing). */
export function findMenuItem(items: readonly TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.submenu ? findMenuItem(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}
