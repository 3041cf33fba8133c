import { requestLimits, type MethodName } from '../../shared/contract/methods';

/** The part of the engine's process main talks to (EngineProcess), so these rules run without Electron. */
export interface EngineLink {
  call(method: MethodName, request: unknown): Promise<unknown>;
  isIndexed(path: string): Promise<boolean>;
}

export const REFUSED_SENDER = 'refused: not the Doppel window';

/**
 * A contract call from the window. Main only checks who sent it and passes the request on as it came: the
 * engine's process parses it, once, with the same adapter `doppel serve` and the CLI use.
 */
export function relayEngineCall(
  fromOurWindow: boolean,
  engine: EngineLink,
  method: MethodName,
  request: unknown,
): Promise<unknown> {
  if (!fromOurWindow) return Promise.reject(new Error(REFUSED_SENDER));
  return engine.call(method, request);
}

/**
 * "Show in folder", a desktop-only call (no engine method): only a photo the engine vouches is in the
 * library is shown, so the window cannot probe the disk for other files. Resolves to whether it was shown.
 */
export async function revealInFolder(
  fromOurWindow: boolean,
  engine: EngineLink,
  path: unknown,
  showItemInFolder: (path: string) => void,
): Promise<boolean> {
  if (!fromOurWindow) throw new Error(REFUSED_SENDER);
  if (typeof path !== 'string' || path.length === 0 || path.length > requestLimits.pathCharacters)
    return false;
  if (!(await engine.isIndexed(path))) return false;
  showItemInFolder(path);
  return true;
}

/**
 * Where the system Trash opens: a folder on macOS (~/.Trash, which Finder shows as the Trash), the shell's
 * Recycle Bin on Windows, and the file manager's trash:/// location on Linux (GNOME, KDE and others).
 */
export function systemTrashLocation(
  platform: NodeJS.Platform,
  home: string,
): { kind: 'folder'; path: string } | { kind: 'url'; url: string } {
  if (platform === 'darwin') return { kind: 'folder', path: `${home}/.Trash` };
  if (platform === 'win32') return { kind: 'url', url: 'shell:RecycleBinFolder' };
  return { kind: 'url', url: 'trash:///' };
}
