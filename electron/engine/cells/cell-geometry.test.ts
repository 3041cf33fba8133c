import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random';
import { CellGeometry } from './cell-geometry';
import { ProductKernel } from './product-kernel';

const DIMS = 8;

function unitRows(count: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const rows = new Float32Array(count * DIMS);
  for (let r = 0; r < count; r++) {
    let norm = 0;
    for (let k = 0; k < DIMS; k++) norm += (rows[r * DIMS + k] = random() - 0.5) ** 2;
    for (let k = 0; k < DIMS; k++) rows[r * DIMS + k]! /= Math.sqrt(norm);
  }
  return rows;
}

function between(x: Float32Array, a: number, y: Float32Array, b: number): number {
  let sum = 0;
  for (let k = 0; k < DIMS; k++) sum += (x[a * DIMS + k]! - y[b * DIMS + k]!) ** 2;
  return Math.sqrt(sum);
}

describe('CellGeometry', () => {
  let kernel: ProductKernel;
  beforeAll(async () => (kernel = await ProductKernel.create(1)));
  afterAll(async () => kernel.dispose());

  it('assigns each row its nearest centroid and probes every cell that can hold a partner', async () => {
    const centroids = unitRows(12, 1);
    const geometry = await CellGeometry.create(centroids, DIMS, kernel);
    const rows = unitRows(400, 2);
    const probes = new Map<number, Int32Array>();
    const capped = new Map<number, Int32Array>();
    const owner = await geometry.assign(kernel, rows, {
      maxDistance: 0.5,
      maxCells: 1000,
      onProbes: (row, cells) => probes.set(row, cells),
    });
    await geometry.assign(kernel, rows, {
      maxDistance: 0.5,
      maxCells: 3,
      onProbes: (row, cells) => capped.set(row, cells),
    });
    let pairs = 0;
    for (let a = 0; a < 400; a++) {
      const nearest = [...Array(12).keys()].sort(
        (x, y) => between(rows, a, centroids, x) - between(rows, a, centroids, y),
      )[0];
      expect(owner[a]).toBe(nearest);
      expect(probes.get(a)![0]).toBe(owner[a]);
      expect(Array.from(capped.get(a)!)).toEqual(Array.from(probes.get(a)!.subarray(0, 3)));
      for (let b = 0; b < 400; b++)
        if (b !== a && between(rows, a, rows, b) <= 0.5) {
          pairs++;
          expect(Array.from(probes.get(a)!)).toContain(owner[b]);
        }
    }
    expect(pairs).toBeGreaterThan(100);
    // The bound prunes: not every row probes every cell.
    expect([...probes.values()].some((cells) => cells.length < 12)).toBe(true);
  });
});
