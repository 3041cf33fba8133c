import type { InferenceSession } from 'onnxruntime-node';
import { availableParallelism } from 'node:os';
import { encodeOnnxModel } from './onnx-graph-bytes';

/** Candidate pairs of one block: row in the left block, column in the right block. */
export interface BlockCandidates {
  left: Int32Array;
  right: Int32Array;
}

/**
 * Integer dot products of two blocks of quantised vectors in onnxruntime (MatMulInteger: its u8 x s8 kernels
 * use VNNI / AVX2 and run several times faster than fp32 SGEMM, which is itself 10-50x faster than per-pair
 * loops in SQL or JS), with the threshold applied inside the graph (NonZero), so only the few candidate
 * pairs ever cross into JS, not the 16M products of a 4096 x 4096 block. Callers re-check candidates exactly.
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
        { name: 'left', elemType: 2, dims: ['m', 'd'] },
        { name: 'right_columns', elemType: 3, dims: ['d', 'n'] },
        { name: 'left_zero_point', elemType: 2, dims: [] },
        { name: 'min_product', elemType: 6, dims: [] },
      ],
      outputs: [{ name: 'pairs', elemType: 7, dims: [2, 'k'] }],
      nodes: [
        {
          opType: 'MatMulInteger',
          inputs: ['left', 'right_columns', 'left_zero_point'],
          outputs: ['products'],
        },
        { opType: 'Greater', inputs: ['products', 'min_product'], outputs: ['close'] },
        { opType: 'NonZero', inputs: ['close'], outputs: ['pairs'] },
      ],
    });
    const session = await ort.InferenceSession.create(model, {
      intraOpNumThreads: Math.max(1, threads),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new SimilarityKernel(session, ort);
  }

  /**
   * Pairs (i, j) whose integer product exceeds `minProduct`: `left` is row-major [m, dims] uint8 with zero
   * point `zeroPoint`, `rightColumns` is column-major (transposed) [dims, n] int8.
   */
  async candidates(
    left: Uint8Array,
    zeroPoint: number,
    rightColumns: Int8Array,
    dims: number,
    minProduct: number,
  ): Promise<BlockCandidates> {
    const { Tensor } = this.ort;
    const output = await this.session.run({
      left: new Tensor('uint8', left, [left.length / dims, dims]),
      right_columns: new Tensor('int8', rightColumns, [dims, rightColumns.length / dims]),
      left_zero_point: new Tensor('uint8', Uint8Array.of(zeroPoint), []),
      min_product: new Tensor('int32', Int32Array.of(minProduct), []),
    });
    const pairs = output.pairs!.data as BigInt64Array;
    const count = pairs.length / 2;
    const rows = new Int32Array(count);
    const columns = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      rows[i] = Number(pairs[i]);
      columns[i] = Number(pairs[count + i]);
    }
    return { left: rows, right: columns };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
