import { UserError } from '../../user-error';

export interface RemoteFileInfo {
  url: string;
  /** From the hub's x-linked-size (LFS files, on the redirect) or Content-Length. */
  size: number | null;
  /** The LFS object id when the hub gives one: the file's sha256. Plain git files carry a blob sha1 we skip. */
  sha256: string | null;
}

/** Compressed transfers would make Content-Length describe other bytes than the ones we write. */
export const identityEncoding = { 'accept-encoding': 'identity' };

/**
 * Ask the hub about a file without following its redirect: for LFS files the size and sha256 sit on the
 * redirect response (x-linked-size, x-linked-etag), as huggingface_hub reads them.
 */
export async function describeRemoteFile(url: string, signal?: AbortSignal): Promise<RemoteFileInfo> {
  const response = await fetch(url, {
    method: 'HEAD',
    redirect: 'manual',
    headers: identityEncoding,
    signal,
  });
  if (response.status === 404 || response.status === 401 || response.status === 403) {
    throw new UserError(
      'model-file-missing',
      `The model hub has no file at ${url} (HTTP ${response.status}).`,
    );
  }
  const redirected = response.status >= 300 && response.status < 400;
  if (!redirected && !response.ok) {
    throw new Error(`the model hub answered HTTP ${response.status} for ${url}`);
  }
  const linkedSize = response.headers.get('x-linked-size');
  const length = redirected ? null : response.headers.get('content-length');
  const size = parseSize(linkedSize) ?? parseSize(length);
  const etag = unquote(response.headers.get('x-linked-etag') ?? response.headers.get('etag'));
  return { url, size, sha256: etag && /^[a-f0-9]{64}$/.test(etag) ? etag : null };
}

function parseSize(text: string | null): number | null {
  if (text === null || !/^\d+$/.test(text.trim())) return null;
  return Number(text);
}

function unquote(etag: string | null): string | null {
  if (!etag) return null;
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase();
}
