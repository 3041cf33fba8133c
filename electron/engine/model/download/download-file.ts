import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hashFile } from '../../platform/file-hash';
import type { DownloadMeter } from './download-meter';
import { identityEncoding, type RemoteFileInfo } from './remote-file';

/** The connection broke or ended early: the `.partial` file keeps what arrived, so the next try resumes. */
export class DownloadInterruptedError extends Error {
  override name = 'DownloadInterruptedError';
}

/** The bytes arrived but are not the hub's file: the partial file has been deleted. */
export class DownloadCorruptError extends Error {
  override name = 'DownloadCorruptError';
}

export function partialPath(target: string): string {
  return `${target}.partial`;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/**
 * Fetch one file into `<target>.partial`, resuming with an HTTP Range request when an earlier run left
 * bytes behind, verify its size (and sha256 when the hub gives one), and only then rename it to `target`.
 * A reader never sees a half-written file under the real name.
 */
export async function downloadFile(
  remote: RemoteFileInfo,
  target: string,
  meter: DownloadMeter,
  label: string,
  signal?: AbortSignal,
): Promise<{ size: number; sha256: string }> {
  const partial = partialPath(target);
  await mkdir(dirname(target), { recursive: true });
  let start = await sizeOf(partial);
  if (remote.size !== null && start > remote.size) {
    await rm(partial, { force: true });
    start = 0;
  }
  meter.skip(start, label);
  let expected = remote.size;
  if (remote.size === null || start < remote.size) {
    // Without a size from the hub's metadata, the download's own headers still say how long the file is.
    const announced = await fetchInto(remote, partial, start, meter, label, signal);
    expected = remote.size ?? announced;
  }
  const size = await sizeOf(partial);
  if (expected !== null && size !== expected) {
    throw new DownloadInterruptedError(`${label}: got ${size} of ${expected} bytes`);
  }
  const sha256 = await hashFile(partial);
  if (remote.sha256 && sha256 !== remote.sha256) {
    await rm(partial, { force: true });
    meter.discard(size);
    throw new DownloadCorruptError(`${label} does not match the hub's checksum`);
  }
  await rename(partial, target);
  meter.finish(label);
  return { size, sha256 };
}

/**
 * Append the rest of the file to `partial` (or rewrite it when the server ignores the Range request).
 * Returns the whole file's length as the response announced it, when it did.
 */
async function fetchInto(
  remote: RemoteFileInfo,
  partial: string,
  start: number,
  meter: DownloadMeter,
  label: string,
  signal?: AbortSignal,
): Promise<number | null> {
  const headers: Record<string, string> = { ...identityEncoding };
  if (start > 0) headers.range = `bytes=${start}-`;
  let response: Response;
  try {
    response = await fetch(remote.url, { headers, redirect: 'follow', signal });
  } catch (error) {
    throw new DownloadInterruptedError(`${label}: ${(error as Error).message}`);
  }
  let offset = start;
  if (response.status === 416 && start > 0) {
    // Our partial file is no prefix the server recognises: start the file again.
    await response.body?.cancel();
    await rm(partial, { force: true });
    meter.discard(start);
    return fetchInto(remote, partial, 0, meter, label, signal);
  }
  if (response.status === 200 && start > 0) {
    meter.discard(start);
    offset = 0;
  } else if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw new Error(`the model hub answered HTTP ${response.status} for ${remote.url}`);
  }
  const announced = announcedLength(response, offset);
  const file = await open(partial, offset === 0 ? 'w' : 'a');
  try {
    if (!response.body) throw new DownloadInterruptedError(`${label}: empty response`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      await file.write(chunk);
      meter.add(chunk.byteLength, label);
    }
  } catch (error) {
    if (error instanceof DownloadInterruptedError) throw error;
    if (signal?.aborted) throw error;
    throw new DownloadInterruptedError(`${label}: ${(error as Error).message}`);
  } finally {
    await file.close();
  }
  return announced;
}

function announcedLength(response: Response, offset: number): number | null {
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  if (response.status === 206 && range) return Number(range[1]);
  const length = response.headers.get('content-length');
  return response.status === 200 && length && /^\d+$/.test(length) ? offset + Number(length) : null;
}
