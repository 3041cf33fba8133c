import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  addFolders(): void;
  restartEngine(): void;
  showDataFolder(): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Unpackaged (`npm start`): devtools and reload are offered. */
  isDev: boolean;
  appName: string;
}

/**
 * The app menu as plain data (no electron import at runtime), so it is tested under Node. Standard roles
 * give each platform its native Edit shortcuts, zoom and window handling.
 */
export function appMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const addFolder: MenuItemConstructorOptions = {
    label: 'Add Folder…',
    accelerator: 'CmdOrCtrl+O',
    click: () => actions.addFolders(),
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: options.isMac
      ? [addFolder, { type: 'separator' }, { role: 'close' }]
      : [addFolder, { type: 'separator' }, { role: 'quit' }],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(options.isDev
        ? ([
            { role: 'reload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Restart Engine', click: () => actions.restartEngine() },
      { type: 'separator' },
      { label: 'Show Library Data Folder', click: () => actions.showDataFolder() },
    ],
  };
  const appMenu: MenuItemConstructorOptions[] = options.isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [...appMenu, file, edit, view, windowMenu, help];
}
