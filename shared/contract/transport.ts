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

/** An error that crossed a process boundary: a stable code and words a photographer understands. */
export interface WireError {
  code: string;
  message: string;
}
