import { extname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * How the desktop app serves its own pages from the `doppel-app://app/` scheme. Pure (no electron import) so
 * the path rules can be tested under plain Node.
 */
export const APP_SCHEME = 'doppel-app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The desktop page's policy, sent as a header on every app page (the meta tag in index.html is the same
 * policy; a header also covers `frame-ancestors`, which a meta tag cannot). Pixels come from the media scheme.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' doppel-media: blob: data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface AppAsset {
  file: string;
  contentType: string;
}

/**
 * The file under `rootDir` that an app URL names, or null when the URL is not ours or tries to leave the
 * folder (`..`, encoded `%2e%2e` or `%2f`, backslashes, absolute paths, NUL bytes).
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): AppAsset | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed escapes
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const relativePath = segments.length === 0 ? 'index.html' : segments.join('/');
  if (isAbsolute(relativePath)) return null;
  const root = resolve(rootDir);
  const file = resolve(join(root, relativePath));
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return { file, contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

/** Headers for an app page: the CSP on every response, and no MIME sniffing. */
export function appAssetHeaders(asset: AppAsset): Record<string, string> {
  return {
    'Content-Type': asset.contentType,
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
  };
}
