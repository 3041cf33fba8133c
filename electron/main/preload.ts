import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { DoppelBridge } from '../../shared/contract/bridge';
import type { EventName } from '../../shared/contract/events';
import type { MethodName } from '../../shared/contract/methods';
import { BRIDGE_GLOBAL_NAME, ipcChannel, mediaScheme } from '../../shared/contract/transport';
import { dialogChannel } from './dialog-channels';

// The renderer sees this API and nothing else: no ipcRenderer, no Node.
const bridge: DoppelBridge = {
  invoke: (method: MethodName, request: unknown) => ipcRenderer.invoke(ipcChannel.invoke(method), request),
  on: (event: EventName, listener: (payload: unknown) => void) => {
    const channel = ipcChannel.event(event);
    const wrapped = (_: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
  mediaBase: `${mediaScheme}://media`,
  pickFolders: () => ipcRenderer.invoke(dialogChannel.pickFolders),
  pickImage: () => ipcRenderer.invoke(dialogChannel.pickImage),
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  uploadImage: (bytes: Uint8Array) => ipcRenderer.invoke(dialogChannel.uploadImage, bytes),
  revealInFolder: (path: string) => ipcRenderer.invoke(dialogChannel.revealInFolder, path),
  openTrash: () => ipcRenderer.invoke(dialogChannel.openTrash),
} as DoppelBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL_NAME, bridge);
