import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random';
import { quantise, searchVectorPairs, type VectorPair, type VectorTable } from './vector-pair-search';
import { SimilarityKernel } from './similarity-kernel';

/** Unit vectors in bursts: each burst member is its centre plus noise of a burst-specific size. */
function clusteredTable(count: number, dims: number, seed: number): VectorTable {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const vectors = new Float32Array(count * dims);
  let centre: number[] = [];
  let spread = 0;
  for (let row = 0; row < count; row++) {
    if (row % 5 === 0) {
      centre = Array.from({ length: dims }, gaussian);
      spread = 0.02 + random() * 0.5;
    }
    const v = centre.map((c) => c + spread * gaussian());
    const norm = Math.hypot(...v);
    v.forEach((x, k) => (vectors[row * dims + k] = x / norm));
  }
  return { hashes: Array.from({ length: count }, (_, i) => `h${String(i).padStart(5, '0')}`), vectors, dims };
}

function bruteForce(table: VectorTable, newRows: number[], maxDistance: number): Map<string, number> {
  const isNew = new Set(newRows);
  const out = new Map<string, number>();
  const { dims, vectors, hashes } = table;
  for (let i = 0; i < hashes.length; i++)
    for (let j = i + 1; j < hashes.length; j++) {
      if (!isNew.has(i) && !isNew.has(j)) continue;
      let sum = 0;
      for (let k = 0; k < dims; k++) sum += (vectors[i * dims + k]! - vectors[j * dims + k]!) ** 2;
      if (Math.sqrt(sum) <= maxDistance) out.set(`${hashes[i]}|${hashes[j]}`, Math.sqrt(sum));
    }
  return out;
}

describe('searchVectorPairs', () => {
  let kernel: SimilarityKernel;
  beforeAll(async () => {
    kernel = await SimilarityKernel.create(1);
  });
  afterAll(async () => {
    await kernel.dispose();
  });

  async function search(
    table: VectorTable,
    newRows: number[],
    maxDistance: number,
    blockRows: number,
    unitVectors = true,
  ) {
    const found = new Map<string, number>();
    const chunks: string[][] = [];
    await searchVectorPairs(
      table,
      newRows,
      maxDistance,
      kernel,
      async (hashes, pairs: VectorPair[]) => {
        chunks.push(hashes);
        for (const pair of pairs) {
          expect(pair.a < pair.b).toBe(true);
          expect(found.has(`${pair.a}|${pair.b}`)).toBe(false);
          found.set(`${pair.a}|${pair.b}`, pair.distance);
        }
      },
      { blockRows, unitVectors },
    );
    return { found, chunks };
  }

  it('finds exactly the brute-force pairs when every row is new, across block edges', async () => {
    const table = clusteredTable(333, 24, 7);
    const expected = bruteForce(table, [...table.hashes.keys()], 0.5);
    expect(expected.size).toBeGreaterThan(100);
    const { found, chunks } = await search(table, [...table.hashes.keys()], 0.5, 64);
    expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, distance] of expected) expect(found.get(key)).toBeCloseTo(distance, 5);
    expect(chunks.flat().sort()).toEqual([...table.hashes].sort());
  });

  it('pairs only new rows against all when a library grows, each pair once', async () => {
    const table = clusteredTable(400, 16, 11);
    const newRows = [3, 4, 50, 51, 52, 199, 200, 201, 399];
    const expected = bruteForce(table, newRows, 0.4);
    const { found, chunks } = await search(table, newRows, 0.4, 4);
    expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(chunks.flat().sort()).toEqual(newRows.map((row) => table.hashes[row]!).sort());
  });

  it('finds exact pairs among vectors of any length (perceptual coarse vectors) when told they are not unit', async () => {
    const table = clusteredTable(300, 20, 5);
    const random = seededRandom(9);
    // Scale each row by 0.05-1.5, and flatten some to zero: norms vary like tone layouts of real photos.
    for (let row = 0; row < 300; row++) {
      const factor = row % 17 === 0 ? 0 : 0.05 + random() * 1.45;
      for (let k = 0; k < 20; k++) table.vectors[row * 20 + k]! *= factor;
    }
    const expected = bruteForce(table, [...table.hashes.keys()], 0.3);
    expect(expected.size).toBeGreaterThan(50);
    const { found } = await search(table, [...table.hashes.keys()], 0.3, 64, false);
    expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
  });
});

/** quantise() for unit vectors as it was written before its two-pass form: the reference it must equal. */
function fourPassQuantise(table: VectorTable, order: number[], maxDistance: number) {
  const { dims, vectors } = table;
  const left = new Float32Array(order.length * dims);
  const norms = new Float64Array(order.length);
  let minNormSquared = Infinity;
  let maxAbs = 0;
  order.forEach((row, position) => {
    let squared = 0;
    for (let k = 0; k < dims; k++) {
      const value = vectors[row * dims + k]!;
      squared += value * value;
      left[position * dims + k] = value;
      maxAbs = Math.max(maxAbs, Math.abs(value));
    }
    norms[position] = squared;
    minNormSquared = Math.min(minNormSquared, squared);
  });
  const scale = maxAbs > 0 ? 127 / maxAbs : 1;
  let leftL1 = 0;
  for (let row = 0; row < order.length; row++) {
    let l1 = 0;
    for (let k = row * dims; k < (row + 1) * dims; k++) l1 += Math.abs(left[k]!);
    leftL1 = Math.max(leftL1, l1);
  }
  const halfStep = 0.5 / scale;
  const maxError = halfStep * (leftL1 + leftL1) + dims * halfStep ** 2;
  const cut = (2 * minNormSquared - maxDistance ** 2) / 2;
  const codes = new Uint8Array(left.length);
  for (let k = 0; k < left.length; k++) codes[k] = left[k]! * scale + 128.5;
  return { codes, norms, minProduct: Math.floor((cut - maxError) * scale * scale) - 1 };
}

describe('quantise', () => {
  it('gives unit vectors the same codes, norms and cut as the four-pass formula', async () => {
    const table = clusteredTable(300, 24, 11);
    const order = Array.from({ length: 300 }, (_, i) => (i * 7) % 300);
    const fast = await quantise(table, order, 0.4, true);
    const reference = fourPassQuantise(table, order, 0.4);
    expect(fast.left).toEqual(reference.codes);
    expect(fast.right).toBe(fast.left);
    expect(Array.from(fast.norms)).toEqual(Array.from(reference.norms));
    expect(fast.minProduct).toBe(reference.minProduct);
  });
});
