import { normalizeInPlace } from './vector-math';

export interface WeightedVector {
  vector: Float32Array;
  /** Negative for "minus" words. */
  weight: number;
}

/**
 * rclip-style combined query: the weighted sum of unit vectors (photo, words, minus words), scaled back to
 * unit length so it ranks against the stored photo vectors like any photo would.
 */
export function combineQueryVectors(parts: readonly WeightedVector[]): Float32Array {
  if (parts.length === 0) throw new Error('a query needs a photo or words');
  const dims = parts[0]!.vector.length;
  const sum = new Float32Array(dims);
  for (const { vector, weight } of parts) {
    if (vector.length !== dims) throw new Error('query vectors come from different models');
    for (let i = 0; i < dims; i++) sum[i] = sum[i]! + weight * vector[i]!;
  }
  return normalizeInPlace(sum);
}
