// The tray icon and its menu as the logic sees it: a plain menu model, rendered by the Electron adapter.
export interface TrayMenuItem {
  id: string;
  label: string;
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  enabled?: boolean;
  checked?: boolean;
  submenu?: readonly TrayMenuItem[];
  onClick?: () => void;
}

export interface TrayService {
  setMenu(items: readonly TrayMenuItem[]): void;
  setTooltip(text: string): void;
  dispose(): void;
}
