import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random';
import { CellGeometry } from './cell-geometry';
import { ProductKernel } from './product-kernel';
import { splitLargeCells, trainCentroids } from './train-cells';

const DIMS = 8;

/** `count` rows scattered around `centre` (gaussian, `spread` per axis). */
function blob(centre: number[], count: number, spread: number, random: () => number): number[][] {
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: count }, () => centre.map((c) => c + spread * gaussian()));
}

async function cellSizes(rows: Float32Array, centroids: Float32Array, kernel: ProductKernel) {
  const owner = await (await CellGeometry.create(centroids, DIMS, kernel)).assign(kernel, rows);
  const sizes = new Array<number>(centroids.length / DIMS).fill(0);
  for (const cell of owner) sizes[cell]!++;
  return sizes;
}

describe('training cells', () => {
  let kernel: ProductKernel;
  beforeAll(async () => (kernel = await ProductKernel.create(1)));
  afterAll(async () => kernel.dispose());

  it('splits a cell holding far more than its share into cells of about the mean', async () => {
    const random = seededRandom(5);
    const axis = (k: number, length: number) =>
      Array.from({ length: DIMS }, (_, i) => (i === k ? length : 0));
    // 900 rows in one blob, 100 in another, and two centroids far from every row: 4 cells, 250 rows each
    // on average, one of them holding 900.
    const rows = Float32Array.from(
      [...blob(axis(0, 1), 900, 0.2, random), ...blob(axis(1, 1), 100, 0.2, random)].flat(),
    );
    const centroids = Float32Array.from([axis(0, 1), axis(1, 1), axis(2, 5), axis(3, 5)].flat());
    expect(Math.max(...(await cellSizes(rows, centroids, kernel)))).toBe(900);

    const split = (await splitLargeCells(rows, DIMS, centroids, kernel, 1))!;
    // The 900 become ceil(900 / 250) = 4 cells; the others are kept as they were.
    expect(split.length / DIMS).toBe(7);
    expect(Array.from(split.subarray(4 * DIMS))).toEqual(Array.from(centroids.subarray(DIMS)));
    const sizes = await cellSizes(rows, split, kernel);
    expect(sizes.reduce((sum, n) => sum + n, 0)).toBe(1000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2 * (1000 / 4));
  });

  it('trains the same centroids from the same sample and seed', async () => {
    const random = seededRandom(9);
    const rows = Float32Array.from(blob(Array(DIMS).fill(0), 400, 1, random).flat());
    const first = await trainCentroids(rows, DIMS, 10, kernel, 42);
    const second = await trainCentroids(rows, DIMS, 10, kernel, 42);
    expect(first!.length).toBeGreaterThanOrEqual(10 * DIMS);
    expect(Array.from(second!)).toEqual(Array.from(first!));
  });
});
