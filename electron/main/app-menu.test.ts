import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from './app-menu';

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => item.label ?? item.role ?? item.type ?? '?');
}

function submenu(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = items.find((item) => item.label === label || item.role === label);
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('appMenuTemplate', () => {
  const calls: string[] = [];
  const actions = {
    addFolders: () => calls.push('add'),
    restartEngine: () => calls.push('restart'),
    showDataFolder: () => calls.push('data'),
  };

  it('has File › Add Folder…, Edit, View, Window and Help, with the app menu on macOS only', () => {
    const linux = appMenuTemplate({ isMac: false, isDev: false, appName: 'Doppel' }, actions);
    expect(labels(linux)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
    const mac = appMenuTemplate({ isMac: true, isDev: false, appName: 'Doppel' }, actions);
    expect(labels(mac)[0]).toBe('Doppel');
    const add = submenu(linux, 'File')[0]!;
    expect(add).toMatchObject({ label: 'Add Folder…', accelerator: 'CmdOrCtrl+O' });
    (add.click as () => void)();
    (submenu(linux, 'help')[0]!.click as () => void)();
    expect(calls).toEqual(['add', 'restart']);
    expect(submenu(linux, 'Edit').map((item) => item.role)).toContain('paste');
  });

  it('offers devtools and reload only in development; zoom always', () => {
    const roles = (isDev: boolean) =>
      submenu(appMenuTemplate({ isMac: false, isDev, appName: 'Doppel' }, actions), 'View').map(
        (item) => item.role,
      );
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
