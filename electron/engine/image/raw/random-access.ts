import { open } from 'node:fs/promises';

/** Positioned reads over a file or a buffer: a 60 MB RAW is walked, never loaded whole. */
export interface RandomAccess {
  size: number;
  /** Up to `length` bytes at `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferAccess(bytes: Buffer): RandomAccess {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
    close: async () => undefined,
  };
}

export async function fileAccess(path: string): Promise<RandomAccess> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const wanted = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(wanted);
      if (wanted > 0) await handle.read(buffer, 0, wanted, offset);
      return buffer;
    },
    close: () => handle.close(),
  };
}
