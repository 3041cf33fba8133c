import type { EventName, EventPayload } from './events';
import type { MethodName, MethodRequest, MethodResponse } from './methods';

/**
 * What the desktop preload exposes as `window.doppel` (contextBridge). The browser build has no bridge and
 * talks HTTP instead; both are adapted to the same `EngineApi` in the renderer.
 */
export interface DoppelBridge {
  invoke<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Prefix for thumbnail and full-image URLs (the privileged custom protocol). */
  mediaBase: string;
  /** Native folder picker; resolves to [] when cancelled. */
  pickFolders(): Promise<string[]>;
  /** Native file picker for a query photo; resolves to null when cancelled. */
  pickImage(): Promise<string | null>;
  /** The absolute path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /**
   * Bytes of a picture that is not a file (pasted, dragged out of a web page), kept by the engine for a
   * query like the browser's `POST /api/upload`; resolves to the upload id for `{ uploadId }`.
   */
  uploadImage(bytes: Uint8Array): Promise<string>;
  /**
   * Shows a library photo in the file manager (not an engine method: a headless engine has no file
   * manager). Resolves to false, showing nothing, for a path that is not a photo in the library.
   */
  revealInFolder(path: string): Promise<boolean>;
  /** Opens the system Trash, where files the OS trash took are restored (Doppel cannot put those back). */
  openTrash?(): Promise<boolean>;
}
