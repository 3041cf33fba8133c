import { APP_ORIGIN } from './app-assets';

/** What main knows about an IPC message's origin (from IpcMainInvokeEvent), reduced to plain values. */
export interface IpcSenderFacts {
  /** The sender is our window's webContents (not a devtools page, not another window). */
  fromOurWebContents: boolean;
  /** The sending frame is the top frame of that window (not an iframe). */
  isMainFrame: boolean;
  /** The sending frame's URL; null when the frame is gone. */
  frameUrl: string | null;
}

/** IPC is answered only for our window's top frame showing our own page; anything else is dropped. */
export function isTrustedSender(facts: IpcSenderFacts): boolean {
  if (!facts.fromOurWebContents || !facts.isMainFrame || !facts.frameUrl) return false;
  try {
    const url = new URL(facts.frameUrl);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Navigation inside the window stays on our own pages; everything else is refused. */
export function isAppUrl(target: string): boolean {
  return isTrustedSender({ fromOurWebContents: true, isMainFrame: true, frameUrl: target });
}
