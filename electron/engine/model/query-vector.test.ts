import { describe, expect, it } from 'vitest';
import { combineQueryVectors } from './query-vector';
import { l2Distance } from './vector-math';

const unit = (...values: number[]) => Float32Array.from(values);

describe('combineQueryVectors', () => {
  it('returns a unit vector between the parts, weighted, and away from minus words', () => {
    const photo = unit(1, 0, 0);
    const words = unit(0, 1, 0);
    const even = combineQueryVectors([
      { vector: photo, weight: 1 },
      { vector: words, weight: 1 },
    ]);
    expect(Math.hypot(...even)).toBeCloseTo(1, 6);
    expect(l2Distance(even, photo)).toBeCloseTo(l2Distance(even, words), 6);
    const light = combineQueryVectors([
      { vector: photo, weight: 1 },
      { vector: words, weight: 0.25 },
    ]);
    expect(l2Distance(light, photo)).toBeLessThan(l2Distance(light, words));
    const minus = combineQueryVectors([
      { vector: photo, weight: 1 },
      { vector: words, weight: -0.5 },
    ]);
    expect(minus[1]).toBeLessThan(0);
  });

  it('refuses vectors of different widths (two models)', () => {
    expect(() =>
      combineQueryVectors([
        { vector: unit(1, 0), weight: 1 },
        { vector: unit(1, 0, 0), weight: 1 },
      ]),
    ).toThrow(/different models/);
  });
});
