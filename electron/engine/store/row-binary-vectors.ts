import type { VectorTable } from '../pairs/vector-pair-search';

/** A vector table whose rows also carry each row's cell (rows read from cell_vectors). */
export type CelledVectorTable = VectorTable & { cells: Int32Array };

/**
 * Rows of (String, Array(Float32)) in RowBinary, or (String, Array(Float32), UInt32) with `withCells`,
 * parsed incrementally across chunk boundaries.
 */
export class RowBinaryVectorParser {
  private pending: Buffer = Buffer.alloc(0);
  private readonly seen = new Set<string>();
  private readonly hashes: string[] = [];
  private vectors: Float32Array | null = null;
  private readonly cells: Int32Array | null;
  private dims = 0;

  constructor(
    private readonly capacity: number,
    withCells = false,
  ) {
    this.cells = withCells ? new Int32Array(Math.max(1, capacity)) : null;
  }

  push(chunk: Buffer): void {
    const buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const hashLength = readVarint(buffer, offset);
      if (!hashLength) break;
      const hashEnd = hashLength.next + hashLength.value;
      const vectorLength = readVarint(buffer, hashEnd);
      if (!vectorLength) break;
      const vectorEnd = vectorLength.next + vectorLength.value * 4;
      const rowEnd = vectorEnd + (this.cells ? 4 : 0);
      if (rowEnd > buffer.length) break;
      this.addRow(
        buffer.toString('utf8', hashLength.next, hashEnd),
        buffer,
        vectorLength.next,
        vectorLength.value,
        this.cells ? buffer.readUInt32LE(vectorEnd) : 0,
      );
      offset = rowEnd;
    }
    this.pending = Buffer.from(buffer.subarray(offset));
  }

  private addRow(hash: string, buffer: Buffer, start: number, length: number, cell: number): void {
    if (this.vectors === null) {
      this.dims = length;
      this.vectors = new Float32Array(Math.max(1, this.capacity) * length);
    }
    // A row of another width belongs to no pair graph of this model (a half-written row cannot exist).
    if (length !== this.dims || this.seen.has(hash)) return;
    const row = this.hashes.length;
    if ((row + 1) * this.dims > this.vectors.length) return;
    this.seen.add(hash);
    this.hashes.push(hash);
    if (this.cells) this.cells[row] = cell;
    // RowBinary floats are little-endian, as is every CPU Doppel runs on: a plain byte copy. A view of the
    // row, not of the whole table: a Uint8Array holds at most 4 GiB, and 3M vectors of 512 floats are 6 GB.
    const target = new Uint8Array(
      this.vectors.buffer,
      this.vectors.byteOffset + row * this.dims * 4,
      length * 4,
    );
    target.set(buffer.subarray(start, start + length * 4));
  }

  finish(): VectorTable {
    if (this.pending.length > 0) throw new Error('the vector stream ended in the middle of a row');
    const vectors = this.vectors ?? new Float32Array(0);
    return {
      hashes: this.hashes,
      vectors: vectors.subarray(0, this.hashes.length * this.dims),
      dims: this.dims,
    };
  }

  /** finish(), with each row's cell (a parser made `withCells`). */
  finishWithCells(): CelledVectorTable {
    if (!this.cells) throw new Error('this parser reads no cells');
    return { ...this.finish(), cells: this.cells.subarray(0, this.hashes.length) };
  }
}

function readVarint(buffer: Buffer, offset: number): { value: number; next: number } | null {
  let value = 0;
  let shift = 0;
  for (let at = offset; at < buffer.length; at++) {
    const byte = buffer[at]!;
    value += (byte & 127) * 2 ** shift;
    if ((byte & 128) === 0) return { value, next: at + 1 };
    shift += 7;
  }
  return null;
}
