import { app, BrowserWindow, dialog, ipcMain, net, protocol, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventNames, type EventName } from '../../shared/contract/events';
import { engineMethods, methodNames, type MethodName } from '../../shared/contract/methods';
import { httpRoute, ipcChannel, mediaScheme } from '../../shared/contract/transport';
import { dialogChannel } from './dialog-channels';
import { EngineProcess } from './engine-process';

/** The app's own pages come from this scheme, never file://, so CSP and navigation rules apply cleanly. */
const APP_SCHEME = 'doppel-app';
const APP_ORIGIN = `${APP_SCHEME}://app`;
const RENDERER_DIR = join(__dirname, '..', '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: mediaScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

let window: BrowserWindow | null = null;
const engine = new EngineProcess(app.getPath('userData'), (event, payload) => {
  if (eventNames.includes(event as EventName)) window?.webContents.send(ipcChannel.event(event), payload);
});

/** IPC from anything but our own window's top frame is dropped. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  return event.sender === window?.webContents && (event.senderFrame?.url ?? '').startsWith(APP_ORIGIN);
}

function registerIpc(): void {
  for (const method of methodNames) {
    ipcMain.handle(ipcChannel.invoke(method), async (event, request: unknown) => {
      if (!fromOurWindow(event)) throw new Error('refused: not the Doppel window');
      const parsed = engineMethods[method].request.parse(request ?? {});
      if (method === 'reveal') return reveal((parsed as { path: string }).path);
      return engine.call(method as MethodName, parsed);
    });
  }
  ipcMain.handle(dialogChannel.pickFolders, async (event) => {
    if (!fromOurWindow(event) || !window) return [];
    const result = await dialog.showOpenDialog(window, { properties: ['openDirectory', 'multiSelections'] });
    return result.canceled ? [] : result.filePaths;
  });
  ipcMain.handle(dialogChannel.pickImage, async (event) => {
    if (!fromOurWindow(event) || !window) return null;
    const result = await dialog.showOpenDialog(window, {
      properties: ['openFile'],
      filters: [{ name: 'Photos', extensions: ['jpg', 'jpeg', 'png', 'webp', 'avif', 'gif', 'tif', 'tiff'] }],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
}

/** Only photos in the library are revealed (the engine checks), so the renderer cannot probe the disk. */
async function reveal(path: string): Promise<{ revealed: boolean }> {
  const allowed = (await engine.call('reveal', { path })) as { revealed: boolean };
  if (allowed.revealed) shell.showItemInFolder(path);
  return allowed;
}

function registerProtocols(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const pathname = decodeURIComponent(new URL(request.url).pathname);
    const file = join(RENDERER_DIR, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(RENDERER_DIR)) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
  // Thumbnails and full images: proxied to the engine's loopback host, which serves indexed files only.
  protocol.handle(mediaScheme, (request) => {
    const url = new URL(request.url);
    const route = url.pathname === httpRoute.fullImage ? httpRoute.fullImage : httpRoute.thumbnail;
    return net.fetch(`${engine.mediaBase}${route}${url.search}`, {
      headers: { Authorization: `Bearer ${engine.mediaToken}` },
    });
  });
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Doppel',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  window.on('closed', () => (window = null));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(async () => {
  registerProtocols();
  registerIpc();
  createWindow();
  await engine.start().catch((error: Error) => {
    window?.webContents.send(ipcChannel.event('engineState'), { state: 'crashed', message: error.message });
  });
});

app.on('window-all-closed', () => {
  engine.stop();
  app.quit();
});
