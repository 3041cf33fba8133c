import type { VectorTable } from '../pairs/vector-pair-search';

/**
 * Hashes one statement names, at most. A statement run for its stream or without a result (exec, command)
 * carries its parameters in the URL, which a ClickHouse server caps at 1 MiB (http_max_uri_size): 8,000
 * hashes are about 570 KB there. (A select's parameters go in a multipart body when long.)
 */
export const HASHES_PER_STATEMENT = 8_000;

/** One table of `read` over `list` in parts of HASHES_PER_STATEMENT, a hash read twice kept once. */
export async function inBatches(
  list: string[],
  read: (part: string[]) => Promise<VectorTable>,
): Promise<VectorTable> {
  const parts: VectorTable[] = [];
  for (let i = 0; i < list.length; i += HASHES_PER_STATEMENT)
    parts.push(await read(list.slice(i, i + HASHES_PER_STATEMENT)));
  const dims = parts.find((part) => part.hashes.length > 0)?.dims ?? 0;
  const seen = new Set<string>();
  const hashes: string[] = [];
  const rows: Float32Array[] = [];
  for (const part of parts)
    part.hashes.forEach((hash, row) => {
      if (part.dims !== dims || seen.has(hash)) return;
      seen.add(hash);
      hashes.push(hash);
      rows.push(part.vectors.subarray(row * dims, (row + 1) * dims));
    });
  const vectors = new Float32Array(hashes.length * dims);
  rows.forEach((row, k) => vectors.set(row, k * dims));
  return { hashes, vectors, dims };
}
