import { describe, expect, it } from 'vitest';
import { RowBinaryVectorParser } from './row-binary-vectors';

function varint(value: number): number[] {
  const bytes: number[] = [];
  do {
    bytes.push((value & 127) | (value >= 128 ? 128 : 0));
    value >>>= 7;
  } while (value > 0);
  return bytes;
}

function row(hash: string, vector: number[], cell?: number): Buffer {
  const floats = Buffer.from(Float32Array.from(vector).buffer);
  const parts = [
    Buffer.from([...varint(Buffer.byteLength(hash)), ...Buffer.from(hash)]),
    Buffer.from(varint(vector.length)),
    floats,
  ];
  if (cell !== undefined) {
    const cellBytes = Buffer.alloc(4);
    cellBytes.writeUInt32LE(cell);
    parts.push(cellBytes);
  }
  return Buffer.concat(parts);
}

describe('RowBinaryVectorParser', () => {
  // Long enough that both lengths take two varint bytes, so chunk edges fall inside them too.
  const longHash = `h-${'x'.repeat(198)}`;
  const wide = Array.from({ length: 130 }, (_, k) => k / 130);
  const other = Array.from({ length: 130 }, (_, k) => -k / 7);

  it('reads rows split at every byte, keeps a repeated hash once and drops a row of another width', () => {
    const bytes = Buffer.concat([
      row(longHash, wide, 7),
      row('b', other, 300),
      row(longHash, other, 9),
      row('narrow', [1, 2], 1),
    ]);
    const parser = new RowBinaryVectorParser(4, true);
    for (let at = 0; at < bytes.length; at++) parser.push(bytes.subarray(at, at + 1));
    const table = parser.finishWithCells();
    expect(table.hashes).toEqual([longHash, 'b']);
    expect(table.dims).toBe(130);
    expect(Array.from(table.cells)).toEqual([7, 300]);
    expect(Array.from(table.vectors.subarray(0, 130))).toEqual(Array.from(Float32Array.from(wide)));
    expect(Array.from(table.vectors.subarray(130))).toEqual(Array.from(Float32Array.from(other)));
  });

  it('says so when the stream ends inside a row', () => {
    const bytes = row('a', wide);
    const parser = new RowBinaryVectorParser(1);
    parser.push(bytes.subarray(0, bytes.length - 3));
    expect(() => parser.finish()).toThrow(/middle of a row/);
  });
});
