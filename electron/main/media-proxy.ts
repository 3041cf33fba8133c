import { httpRoute, mediaScheme } from '../../shared/contract/transport';

/**
 * Maps a `doppel-media://media/thumb?path=…` request to the engine's loopback host. Only the two media
 * routes pass; the engine then serves indexed files only. Returns null for anything else.
 */
export function mediaTarget(requestUrl: string, engineBase: string): string | null {
  if (!engineBase) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${mediaScheme}:` || url.host !== 'media') return null;
  const route = [httpRoute.thumbnail, httpRoute.fullImage].find((candidate) => candidate === url.pathname);
  if (!route) return null;
  const query = new URLSearchParams();
  const path = url.searchParams.get('path');
  if (!path) return null;
  query.set('path', path);
  const size = url.searchParams.get('size');
  if (size && /^\d{1,4}$/.test(size)) query.set('size', size);
  return `${engineBase}${route}?${query.toString()}`;
}

export type MediaRoute = { kind: 'engine'; url: string } | { kind: 'picked-file'; path: string } | null;

/**
 * Where a media request goes: a photo the user picked in this session's native "choose a photo" dialog (the
 * query photo, often outside the library) is shown from its own file, so the query has a preview; every
 * other path goes to the engine, which serves indexed files only.
 */
export function mediaRoute(
  requestUrl: string,
  engineBase: string,
  pickedPhotos: ReadonlySet<string>,
): MediaRoute {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  const path = url.searchParams.get('path');
  if (url.protocol === `${mediaScheme}:` && url.host === 'media' && path && pickedPhotos.has(path))
    return { kind: 'picked-file', path };
  const target = mediaTarget(requestUrl, engineBase);
  return target ? { kind: 'engine', url: target } : null;
}

/**
 * The engine's answer, readable by the app's own page: the app (`doppel-app://app`) and the media scheme are
 * two origins, so a canvas that draws a photo fetched without this is tainted and cannot be read back, which
 * the compare view's difference overlay needs. Only the app's origin is named, never `*`.
 */
export function readableByApp(response: Response, appOrigin: string): Response {
  const headers = new Headers(response.headers);
  headers.set('Access-Control-Allow-Origin', appOrigin);
  headers.append('Vary', 'Origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
