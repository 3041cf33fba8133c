import type { EventName } from './events';
import type { MethodName } from './methods';

/** IPC channel and HTTP route names are derived here and nowhere else. */
export const ipcChannel = {
  invoke: (method: MethodName) => `doppel:invoke:${method}`,
  event: (event: EventName) => `doppel:event:${event}`,
};

export const httpRoute = {
  method: (method: MethodName) => `/api/${method}`,
  events: '/api/events',
  upload: '/api/upload',
  thumbnail: '/thumb',
  fullImage: '/image',
};

/** The custom protocol that serves thumbnails and full images of indexed files in the desktop app. */
export const mediaScheme = 'doppel-media';

/** Where the UI gets pixels: never over IPC, always by URL. */
export function mediaUrl(base: string, kind: 'thumbnail' | 'fullImage', path: string, size?: number): string {
  const query = new URLSearchParams({ path });
  if (size) query.set('size', String(size));
  return `${base}${httpRoute[kind]}?${query.toString()}`;
}

/** The id of a query photo the engine keeps for a search (`POST /api/upload`, or a paste in the desktop app). */
export const UPLOAD_ID_PATTERN = /^[a-f0-9]{32}$/;

/** The largest query photo either host accepts, pasted in the desktop app or uploaded to `doppel serve`. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Sent with every API POST: a custom header forces a CORS preflight, so a form or script on another site
 * cannot post to `doppel serve` from a browser. Node lower-cases header names, hence the second spelling.
 */
export const DOPPEL_REQUEST_HEADER = { name: 'X-Doppel', nodeName: 'x-doppel', value: '1' } as const;

/** Where the desktop preload puts its `DoppelBridge` on the page (`window.doppel`). */
export const BRIDGE_GLOBAL_NAME = 'doppel';
