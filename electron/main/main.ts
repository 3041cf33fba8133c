import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventNames, type EventName } from '../../shared/contract/events';
import { methodNames } from '../../shared/contract/methods';
import { ipcChannel, MAX_UPLOAD_BYTES, mediaScheme } from '../../shared/contract/transport';
import { PHOTO_EXTENSIONS } from '../../shared/contract/photo-formats';
import { appAssetHeaders, APP_ORIGIN, APP_SCHEME, resolveAppAsset } from './app-assets';
import { appMenuTemplate } from './app-menu';
import { relayEngineCall, revealInFolder, systemTrashLocation } from './desktop-calls';
import { desktopPaths } from './desktop-paths';
import { dialogChannel } from './dialog-channels';
import { EngineProcess } from './engine-process';
import { isTrustedSender } from './ipc-guard';
import { mediaRoute, readableByApp } from './media-proxy';
import { guardNavigation } from './navigation-guard';

/** The built renderer: dist/renderer, beside dist/electron/main (inside app.asar when packaged). */
const RENDERER_DIR = join(__dirname, '..', '..', 'renderer');
/** What the "choose a photo" dialog offers: every format the engine reads (HEIC and camera RAWs included). */
const DIALOG_EXTENSIONS = PHOTO_EXTENSIONS.map((extension) => extension.slice(1));

// Must run before `ready`. `standard` gives the schemes real origins; `secure` makes them trustworthy for
// fetch and the CSP; `stream` lets full-size images load progressively.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  // `corsEnabled`: the page may ask for a photo in CORS mode (the compare view reads its pixels on a canvas).
  {
    scheme: mediaScheme,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
  },
]);

// The library lives where the CLI and `serve` look too; DOPPEL_DATA_DIR moves it (tests, portable setups).
// Both paths must be set before `ready`.
const paths = desktopPaths(process.env, app.getPath('appData'));
app.setPath('userData', paths.dataDir);
app.setPath('sessionData', paths.sessionDataDir);

let window: BrowserWindow | null = null;
/** Photos the user chose in the native "choose a photo" dialog: their preview is served from the file. */
const pickedPhotos = new Set<string>();
const engine = new EngineProcess(paths.dataDir, (event, payload) => {
  if (eventNames.includes(event as EventName)) window?.webContents.send(ipcChannel.event(event), payload);
});

/** IPC from anything but our own window's top frame showing our own page is dropped. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  return isTrustedSender({
    fromOurWebContents: window !== null && event.sender === window.webContents,
    isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
    frameUrl: event.senderFrame?.url ?? null,
  });
}

function registerIpc(): void {
  for (const method of methodNames) {
    ipcMain.handle(ipcChannel.invoke(method), (event, request: unknown) =>
      relayEngineCall(fromOurWindow(event), engine, method, request),
    );
  }
  ipcMain.handle(dialogChannel.revealInFolder, (event, path: unknown) =>
    revealInFolder(fromOurWindow(event), engine, path, (shown) => shell.showItemInFolder(shown)),
  );
  ipcMain.handle(dialogChannel.openTrash, async (event) => {
    if (!fromOurWindow(event)) return false;
    const trash = systemTrashLocation(process.platform, app.getPath('home'));
    if (trash.kind === 'folder') return (await shell.openPath(trash.path)) === '';
    return shell.openExternal(trash.url).then(
      () => true,
      () => false,
    );
  });
  ipcMain.handle(dialogChannel.pickFolders, async (event) => {
    if (!fromOurWindow(event) || !window) return [];
    return pickFolders(window);
  });
  ipcMain.handle(dialogChannel.uploadImage, async (event, bytes: unknown) => {
    if (!fromOurWindow(event)) throw new Error('refused: not the Doppel window');
    if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0)
      throw new Error('This picture has no data. Save it to a folder first, then drop the file here.');
    if (bytes.byteLength > MAX_UPLOAD_BYTES)
      throw new Error(
        `This picture is too large to search with (over ${MAX_UPLOAD_BYTES / 1024 / 1024} MB).`,
      );
    return engine.upload(bytes);
  });
  ipcMain.handle(dialogChannel.pickImage, async (event) => {
    if (!fromOurWindow(event) || !window) return null;
    const result = await dialog.showOpenDialog(window, {
      properties: ['openFile'],
      filters: [{ name: 'Photos', extensions: DIALOG_EXTENSIONS }],
    });
    const picked = result.canceled ? null : (result.filePaths[0] ?? null);
    if (picked) pickedPhotos.add(picked);
    return picked;
  });
}

async function pickFolders(parent: BrowserWindow): Promise<string[]> {
  const result = await dialog.showOpenDialog(parent, {
    title: 'Add folders to the library',
    buttonLabel: 'Add',
    properties: ['openDirectory', 'multiSelections'],
  });
  return result.canceled ? [] : result.filePaths;
}

function registerProtocols(): void {
  // Our pages: only files under dist/renderer, each with the CSP header (fs reads inside app.asar work).
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(RENDERER_DIR, request.url);
    if (!asset) return new Response('Not found', { status: 404 });
    const body = await readFile(asset.file).catch(() => null);
    if (!body) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(body), { status: 200, headers: appAssetHeaders(asset) });
  });
  // Thumbnails and full images: proxied to the engine's loopback host, which serves indexed files only; a
  // photo picked in the native dialog (the query, often outside the library) is shown from its own file.
  protocol.handle(mediaScheme, async (request) => {
    const route = mediaRoute(request.url, engine.mediaBase, pickedPhotos);
    if (!route) return new Response('Not available', { status: engine.mediaBase ? 404 : 503 });
    if (route.kind === 'picked-file') return net.fetch(pathToFileURL(route.path).toString());
    return net
      .fetch(route.url, { headers: { Authorization: `Bearer ${engine.mediaToken}` } })
      .then((response) => readableByApp(response, APP_ORIGIN))
      .catch(() => new Response('The engine is restarting', { status: 503 }));
  });
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Doppel',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const current = window;
  current.once('ready-to-show', () => current.show());
  guardNavigation(current.webContents);
  current.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // A reloaded page learns the engine's state again (it may have missed the event).
  current.webContents.on('did-finish-load', () =>
    current.webContents.send(ipcChannel.event('engineState'), engine.state),
  );
  current.on('closed', () => {
    if (window === current) window = null;
  });
  void current.loadURL(`${APP_ORIGIN}/index.html`);
}

/** File › Add Folder…: the native picker, then indexing; the Library screen follows the progress events. */
async function addFoldersFromMenu(): Promise<void> {
  if (!window) createWindow();
  const parent = window!;
  const folders = await pickFolders(parent);
  if (folders.length === 0) return;
  await parent.webContents.executeJavaScript("location.hash = '#/library'").catch(() => undefined);
  await engine.call('indexFolders', { paths: folders }).catch((error: Error) => {
    dialog.showMessageBox(parent, {
      type: 'warning',
      message: 'Could not index the folder',
      detail: error.message,
    });
  });
}

function installMenu(): void {
  const template = appMenuTemplate(
    { isMac: process.platform === 'darwin', isDev: !app.isPackaged, appName: app.name },
    {
      addFolders: () => void addFoldersFromMenu(),
      restartEngine: () => engine.restartNow(),
      showDataFolder: () => void shell.openPath(paths.dataDir),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

// One app per library: the embedded database allows one process per data folder. A second launch focuses
// the first window instead.
if (!app.requestSingleInstanceLock({ dataDir: paths.dataDir })) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return createWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.whenReady().then(() => {
    // The UI needs no camera, microphone, notifications or geolocation: every permission request is refused.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    registerProtocols();
    registerIpc();
    installMenu();
    createWindow();
    engine.start();
  });

  // macOS: clicking the dock icon with no window open makes a new one; the engine keeps running.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits (briefly) for the engine to close its database cleanly, then quits for real.
  let engineStopped = false;
  app.on('before-quit', (event) => {
    if (engineStopped) return;
    event.preventDefault();
    void engine.stop().finally(() => {
      engineStopped = true;
      app.quit();
    });
  });

  // Nothing but our own pages may be loaded anywhere in the app: links, redirects, subframes, new windows.
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents));
}
