import type { EngineApi, EventName, EventPayload, QueryImage } from '../../../shared/contract';

export type Platform = 'desktop' | 'browser';

export type EventSubscriber = <E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
) => () => void;

/** Everything the screens need from the host, whichever transport carries it (preload bridge or HTTP). */
export interface EngineClient {
  api: EngineApi;
  on: EventSubscriber;
  /** Prefix for `mediaUrl`: the custom protocol in the desktop app, the page's own origin in the browser. */
  mediaBase: string;
  platform: Platform;
  /** The native folder picker on the desktop; null in the browser, where the user types a path on the server. */
  pickFolders: (() => Promise<string[]>) | null;
  /** The native file picker for a query photo on the desktop; null in the browser (a file input is used). */
  pickImagePath: (() => Promise<string | null>) | null;
  /** Shows a library photo in the desktop's file manager (false: not shown); null in the browser. */
  revealInFolder: ((path: string) => Promise<boolean>) | null;
  /** Opens the system Trash in the file manager (desktop); absent in the browser. */
  openTrash?: (() => Promise<boolean>) | null;
  /** Turns a dropped, pasted or picked File into a query image the engine can open. */
  toQueryImage(file: File): Promise<QueryImage>;
}
