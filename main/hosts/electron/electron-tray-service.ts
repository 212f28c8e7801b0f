// TrayService on Electron's Tray and Menu: renders the logic's menu model.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { TrayMenuItem, TrayService } from './services/tray-service.js';

// 32x32 placeholder mark (build/icons holds the packaged icons); drawn in code so the tray works from a source checkout.
const TRAY_ICON_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAbElEQVR42u2XOw7AMAhDuVdu10N3dfdOQEyhkS29MeIt4WPruq0Tk0DwAZzQBZCEIoBN0gIg8y8BFOESQDEcgXdYAuHCSZGcgDdnCkQjgfME9Au+akTtrXjEMGofx9qIxiylY9byEYeJbsMyHoQ8iriqXgq9AAAAAElFTkSuQmCC';

function toTemplate(items: readonly TrayMenuItem[]): MenuItemConstructorOptions[] {
  return items.map((item) => {
    if (item.type === 'separator') return { type: 'separator' };
    const base: MenuItemConstructorOptions = { id: item.id, label: item.label, enabled: item.enabled !== false };
    if (item.type === 'submenu') return { ...base, submenu: toTemplate(item.submenu ?? []) };
    if (item.type === 'checkbox') return { ...base, type: 'checkbox', checked: item.checked === true, click: () => item.onClick?.() };
    return { ...base, click: () => item.onClick?.() };
  });
}

export function createElectronTrayService(onClick: () => void): TrayService {
  const tray = new Tray(nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_PNG, 'base64')));
  // Linux shows the menu on click; elsewhere a click opens the window and a right-click the menu.
  tray.on('click', onClick);
  return {
    setMenu(items) {
      tray.setContextMenu(Menu.buildFromTemplate(toTemplate(items)));
    },
    setTooltip(text) {
      tray.setToolTip(text);
    },
    dispose() {
      tray.destroy();
    },
  };
}
