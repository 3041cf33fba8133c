import type { InferenceSession } from 'onnxruntime-node';
import { availableParallelism } from 'node:os';
import { encodeOnnxModel } from './onnx-graph-bytes';

/** Candidate pairs of one block: row in `left`, row in `right`, and their dot product. */
export interface BlockMatches {
  left: Int32Array;
  right: Int32Array;
  similarity: Float32Array;
}

/**
 * Dot products of two blocks of vectors in onnxruntime (its multithreaded SGEMM is 10-50x faster than any
 * per-pair loop in SQL or JS), with the threshold applied inside the graph (NonZero), so only the few pairs
 * above `minSimilarity` ever cross into JS, not the 16M products of a 4096 x 4096 block.
 */
export class SimilarityKernel {
  private constructor(
    private readonly session: InferenceSession,
    private readonly ort: typeof import('onnxruntime-node'),
  ) {}

  static async create(threads = availableParallelism()): Promise<SimilarityKernel> {
    const ort = await import('onnxruntime-node');
    const model = encodeOnnxModel({
      opset: 13,
      inputs: [
        { name: 'left', elemType: 1, dims: ['m', 'd'] },
        { name: 'right', elemType: 1, dims: ['n', 'd'] },
        { name: 'min_similarity', elemType: 1, dims: [] },
      ],
      outputs: [
        { name: 'pairs', elemType: 7, dims: [2, 'k'] },
        { name: 'similarity', elemType: 1, dims: ['k'] },
      ],
      nodes: [
        { opType: 'Gemm', inputs: ['left', 'right'], outputs: ['products'], ints: { transB: 1 } },
        { opType: 'Greater', inputs: ['products', 'min_similarity'], outputs: ['close'] },
        { opType: 'NonZero', inputs: ['close'], outputs: ['pairs'] },
        { opType: 'Transpose', inputs: ['pairs'], outputs: ['pair_rows'] },
        { opType: 'GatherND', inputs: ['products', 'pair_rows'], outputs: ['similarity'] },
      ],
    });
    const session = await ort.InferenceSession.create(model, {
      intraOpNumThreads: Math.max(1, threads),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new SimilarityKernel(session, ort);
  }

  /** Pairs (i, j) with dot(left[i], right[j]) > minSimilarity; both blocks row-major with `dims` columns. */
  async matches(
    left: Float32Array,
    right: Float32Array,
    dims: number,
    minSimilarity: number,
  ): Promise<BlockMatches> {
    const { Tensor } = this.ort;
    const output = await this.session.run({
      left: new Tensor('float32', left, [left.length / dims, dims]),
      right: new Tensor('float32', right, [right.length / dims, dims]),
      min_similarity: new Tensor('float32', new Float32Array([minSimilarity]), []),
    });
    const pairs = output.pairs!.data as BigInt64Array;
    const count = pairs.length / 2;
    const rows = new Int32Array(count);
    const columns = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      rows[i] = Number(pairs[i]);
      columns[i] = Number(pairs[count + i]);
    }
    return { left: rows, right: columns, similarity: output.similarity!.data as Float32Array };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
