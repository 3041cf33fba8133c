import type { InferenceSession } from 'onnxruntime-node';
import { availableParallelism } from 'node:os';
import { encodeOnnxModel } from '../pairs/onnx-graph-bytes';

/**
 * Float32 matrix products in onnxruntime (SGEMM on every core): a block of vectors against every centroid,
 * which k-means training, cell assignment and the pair search's probe lists all need. A JS loop does about
 * 1 GFLOP/s; 1M vectors against 1000 centroids is 5e11 multiply-adds, so it has to be SGEMM.
 */
export class ProductKernel {
  private constructor(
    private readonly session: InferenceSession,
    private readonly ort: typeof import('onnxruntime-node'),
  ) {}

  static async create(threads = availableParallelism()): Promise<ProductKernel> {
    const ort = await import('onnxruntime-node');
    const model = encodeOnnxModel({
      opset: 13,
      inputs: [
        { name: 'rows', elemType: 1, dims: ['m', 'd'] },
        { name: 'columns', elemType: 1, dims: ['d', 'n'] },
      ],
      outputs: [{ name: 'products', elemType: 1, dims: ['m', 'n'] }],
      nodes: [{ opType: 'MatMul', inputs: ['rows', 'columns'], outputs: ['products'] }],
    });
    const session = await ort.InferenceSession.create(model, {
      intraOpNumThreads: Math.max(1, threads),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new ProductKernel(session, ort);
  }

  /** rows [m, dims] (row-major) times columns [dims, n] (column-major: already transposed): [m, n]. */
  async products(rows: Float32Array, columns: Float32Array, dims: number): Promise<Float32Array> {
    const { Tensor } = this.ort;
    const output = await this.session.run({
      rows: new Tensor('float32', rows, [rows.length / dims, dims]),
      columns: new Tensor('float32', columns, [dims, columns.length / dims]),
    });
    return output.products!.data as Float32Array;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/** [count, dims] row-major as [dims, count]: the right-hand side of products(). */
export function transposed(rows: Float32Array, dims: number): Float32Array {
  const count = rows.length / dims;
  const out = new Float32Array(rows.length);
  for (let r = 0; r < count; r++) for (let k = 0; k < dims; k++) out[k * count + r] = rows[r * dims + k]!;
  return out;
}
