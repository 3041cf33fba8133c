import { eventNames, type DoppelBridge, type EventName, type MethodName } from '../../../shared/contract';
import type { EngineClient } from './engineClient';
import { EngineError } from './errors';
import { EventDispatch } from './eventDispatch';
import { createValidatedApi } from './validatedApi';

/** The desktop app: the preload's contextBridge object carries calls over IPC. */
export function createBridgeClient(bridge: DoppelBridge): EngineClient {
  const api = createValidatedApi((method: MethodName, request: unknown) =>
    // The bridge is typed per method; the validated wrapper has already pinned request and response types.
    (bridge.invoke as (method: MethodName, request: unknown) => Promise<unknown>)(method, request),
  );
  const dispatch = new EventDispatch();
  // One bridge subscription per event for the app's lifetime; screens come and go through `dispatch`.
  for (const event of eventNames) {
    bridge.on(event as EventName, (payload: unknown) => dispatch.emit(event, payload));
  }
  return {
    api,
    on: (event, listener) => dispatch.add(event, listener),
    mediaBase: bridge.mediaBase,
    platform: 'desktop',
    pickFolders: () => bridge.pickFolders(),
    pickImagePath: () => bridge.pickImage(),
    revealInFolder: (path) => bridge.revealInFolder(path),
    openTrash: typeof bridge.openTrash === 'function' ? () => bridge.openTrash!() : null,
    toQueryImage: async (file) => {
      const path = bridge.pathForFile(file);
      if (path) return { path };
      // Pasted pictures and images dragged out of a web page are bytes without a file on disk: the engine
      // keeps a copy for the query, as the browser build's upload does.
      if (typeof bridge.uploadImage !== 'function') {
        throw new EngineError(
          'This picture is not a file on your computer. Save it to a folder first, then drop the file here.',
          'no-file-path',
        );
      }
      const uploadId = await bridge.uploadImage(new Uint8Array(await file.arrayBuffer()));
      return { uploadId };
    },
  };
}
