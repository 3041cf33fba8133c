// Writes a CLIP-ViT-shaped vision tower with random weights in the transformers.js folder layout
// (config.json, preprocessor_config.json, onnx/vision_model.onnx), so benchmarks pay the real model's cost
// without downloading it. Its embeddings mean nothing; its FLOPs and parameter count are CLIP ViT-B/32's.
//
// Usage: npx tsx scripts/bench/make-bench-model.ts [outDir] [--layers 12 --width 768 --heads 12 --int8]
//
// Graph, as the Hugging Face export of CLIPVisionModelWithProjection: Conv patch embedding (no bias), class
// token, position embeddings, pre-LayerNorm, N pre-LN transformer layers (MHA through MatMul + Softmax, MLP
// with QuickGELU), LayerNorm of the class token, projection without bias. `--int8` writes the dynamically
// quantised twin: every MatMul weight as int8 with one scale (what onnxruntime's quantize_dynamic produces
// after its DynamicQuantizeMatMul fusion); the convolution and LayerNorms stay fp32.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onnx } from 'onnx-proto';
import { seededRandom } from '../../electron/engine/testing/seeded-random';

export interface BenchModelShape {
  layers: number;
  width: number;
  heads: number;
  patch: number;
  imageSize: number;
  projection: number;
  int8: boolean;
}

export const VIT_B32: BenchModelShape = {
  layers: 12,
  width: 768,
  heads: 12,
  patch: 32,
  imageSize: 224,
  projection: 512,
  int8: false,
};

/** Quick mode (CI): the same graph, two narrow layers. */
export const SMALL_VIT: BenchModelShape = { ...VIT_B32, layers: 2, width: 256, heads: 4 };

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const CLIP_IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073];
const CLIP_IMAGE_STD = [0.26862954, 0.26130258, 0.27577711];

class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  parameters = 0;
  private counter = 0;
  private readonly gaussian: () => number;

  constructor(seed: number) {
    const uniform = seededRandom(seed);
    this.gaussian = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  }

  name(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  node(opType: string, inputs: string[], attributes: onnx.IAttributeProto[] = [], domain = ''): string {
    const output = this.name(opType.toLowerCase());
    this.nodes.push({ name: output, opType, input: inputs, output: [output], attribute: attributes, domain });
    return output;
  }

  tensor(prefix: string, dims: number[], values: Float32Array): string {
    const name = this.name(prefix);
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: Uint8Array.from(bytes) });
    this.parameters += values.length;
    return name;
  }

  random(prefix: string, dims: number[], std: number): string {
    const values = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = this.gaussian() * std;
    return this.tensor(prefix, dims, values);
  }

  constant(prefix: string, dims: number[], value: number): string {
    return this.tensor(prefix, dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value));
  }

  int64(prefix: string, values: number[], dims = [values.length]): string {
    const name = this.name(prefix);
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
    this.initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: bytes });
    return name;
  }

  /** x [.., in] times a random [in, out] weight, fp32 or dynamically quantised int8. */
  matmul(x: string, inputs: number, outputs: number, int8: boolean, bias: boolean): string {
    const std = 1 / Math.sqrt(inputs);
    const biasName = bias ? this.constant('bias', [outputs], 0.01) : null;
    if (!int8) {
      const product = this.node('MatMul', [x, this.random('weight', [inputs, outputs], std)]);
      return biasName ? this.node('Add', [product, biasName]) : product;
    }
    const weights = new Int8Array(inputs * outputs);
    let maxAbs = 0;
    const values = new Float32Array(weights.length);
    for (let i = 0; i < values.length; i++) {
      values[i] = this.gaussian() * std;
      maxAbs = Math.max(maxAbs, Math.abs(values[i]!));
    }
    const scale = maxAbs / 127;
    for (let i = 0; i < values.length; i++) weights[i] = Math.round(values[i]! / scale);
    const weightName = this.name('qweight');
    this.initializers.push({
      name: weightName,
      dims: [inputs, outputs],
      dataType: onnx.TensorProto.DataType.INT8,
      rawData: new Uint8Array(weights.buffer),
    });
    this.parameters += weights.length;
    const zeroPoint = this.name('qzero');
    this.initializers.push({
      name: zeroPoint,
      dims: [],
      dataType: onnx.TensorProto.DataType.INT8,
      rawData: new Uint8Array(1),
    });
    const inputsOfOp = [x, weightName, this.tensor('qscale', [], new Float32Array([scale])), zeroPoint];
    if (biasName) inputsOfOp.push(biasName);
    return this.node('DynamicQuantizeMatMul', inputsOfOp, [], 'com.microsoft');
  }

  layerNorm(x: string, width: number): string {
    const scale = this.constant('ln_scale', [width], 1);
    const bias = this.constant('ln_bias', [width], 0);
    return this.node(
      'LayerNormalization',
      [x, scale, bias],
      [
        { name: 'axis', i: -1, type: onnx.AttributeProto.AttributeType.INT },
        { name: 'epsilon', f: 1e-5, type: onnx.AttributeProto.AttributeType.FLOAT },
      ],
    );
  }
}

function ints(name: string, values: number[]): onnx.IAttributeProto {
  return { name, ints: values, type: onnx.AttributeProto.AttributeType.INTS };
}

function int(name: string, value: number): onnx.IAttributeProto {
  return { name, i: value, type: onnx.AttributeProto.AttributeType.INT };
}

export function buildVisionGraph(shape: BenchModelShape): { bytes: Uint8Array; parameters: number } {
  const { width, heads, patch, imageSize, projection, layers, int8 } = shape;
  const grid = imageSize / patch;
  const tokens = grid * grid + 1;
  const headWidth = width / heads;
  const g = new GraphBuilder(0xb3_2c11f);

  const patches = g.node(
    'Conv',
    ['pixel_values', g.random('patch_embed', [width, 3, patch, patch], 0.02)],
    [ints('kernel_shape', [patch, patch]), ints('strides', [patch, patch])],
  );
  const flat = g.node('Reshape', [patches, g.int64('shape', [0, width, grid * grid])]);
  const sequence = g.node('Transpose', [flat], [ints('perm', [0, 2, 1])]);
  // The class token broadcast to the batch: a zeroed first patch plus the learned token.
  const firstPatch = g.node('Slice', [
    sequence,
    g.int64('start', [0]),
    g.int64('end', [1]),
    g.int64('axis', [1]),
  ]);
  const zeroed = g.node('Mul', [firstPatch, g.constant('zero', [1], 0)]);
  const classToken = g.node('Add', [zeroed, g.random('class_embedding', [width], 0.02)]);
  const withClass = g.node('Concat', [classToken, sequence], [int('axis', 1)]);
  let x = g.node('Add', [withClass, g.random('position_embedding', [tokens, width], 0.02)]);
  x = g.layerNorm(x, width);

  const headsShape = g.int64('heads_shape', [0, 0, heads, headWidth]);
  const mergedShape = g.int64('merged_shape', [0, 0, width]);
  const queryScale = g.constant('query_scale', [1], 1 / Math.sqrt(headWidth));
  const geluScale = g.constant('quick_gelu', [1], 1.702);
  for (let layer = 0; layer < layers; layer++) {
    const h = g.layerNorm(x, width);
    const q = g.node('Mul', [g.matmul(h, width, width, int8, true), queryScale]);
    const k = g.matmul(h, width, width, int8, true);
    const v = g.matmul(h, width, width, int8, true);
    const qHeads = g.node('Transpose', [g.node('Reshape', [q, headsShape])], [ints('perm', [0, 2, 1, 3])]);
    const kHeads = g.node('Transpose', [g.node('Reshape', [k, headsShape])], [ints('perm', [0, 2, 3, 1])]);
    const vHeads = g.node('Transpose', [g.node('Reshape', [v, headsShape])], [ints('perm', [0, 2, 1, 3])]);
    const attention = g.node('Softmax', [g.node('MatMul', [qHeads, kHeads])], [int('axis', -1)]);
    const context = g.node(
      'Transpose',
      [g.node('MatMul', [attention, vHeads])],
      [ints('perm', [0, 2, 1, 3])],
    );
    const attended = g.matmul(g.node('Reshape', [context, mergedShape]), width, width, int8, true);
    x = g.node('Add', [x, attended]);
    const m = g.layerNorm(x, width);
    const up = g.matmul(m, width, 4 * width, int8, true);
    const gelu = g.node('Mul', [up, g.node('Sigmoid', [g.node('Mul', [up, geluScale])])]);
    x = g.node('Add', [x, g.matmul(gelu, 4 * width, width, int8, true)]);
  }
  const pooled = g.layerNorm(g.node('Gather', [x, g.int64('class_index', [0], [])], [int('axis', 1)]), width);
  const embeds = g.matmul(pooled, width, projection, int8, false);
  g.nodes.push({ name: 'image_embeds', opType: 'Identity', input: [embeds], output: ['image_embeds'] });

  const graph: onnx.IGraphProto = {
    name: 'bench_clip_vision',
    node: g.nodes,
    initializer: g.initializers,
    input: [valueInfo('pixel_values', ['batch', 3, imageSize, imageSize])],
    output: [valueInfo('image_embeds', ['batch', projection])],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
    ],
    producerName: 'doppel-make-bench-model',
    producerVersion: '1',
    graph,
  });
  return { bytes: onnx.ModelProto.encode(model).finish(), parameters: g.parameters };
}

function valueInfo(name: string, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** Write the model folder unless one with the same shape is already there; returns the folder. */
export function writeBenchModel(outDir: string, shape: BenchModelShape): string {
  const stamp = JSON.stringify(shape);
  const stampFile = path.join(outDir, 'shape.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return outDir;
  mkdirSync(path.join(outDir, 'onnx'), { recursive: true });
  const { bytes, parameters } = buildVisionGraph(shape);
  writeFileSync(path.join(outDir, 'onnx', 'vision_model.onnx'), bytes);
  writeFileSync(
    path.join(outDir, 'config.json'),
    JSON.stringify(
      {
        architectures: ['CLIPModel'],
        model_type: 'clip',
        projection_dim: shape.projection,
        vision_config: {
          model_type: 'clip_vision_model',
          image_size: shape.imageSize,
          patch_size: shape.patch,
          num_channels: 3,
          hidden_size: shape.width,
          intermediate_size: 4 * shape.width,
          num_attention_heads: shape.heads,
          num_hidden_layers: shape.layers,
          projection_dim: shape.projection,
        },
        'transformers.js_config': { dtype: 'fp32' },
        doppel: { note: `random-weight benchmark model, ${parameters} parameters; embeddings mean nothing` },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    path.join(outDir, 'preprocessor_config.json'),
    JSON.stringify(
      {
        image_processor_type: 'CLIPImageProcessor',
        feature_extractor_type: 'CLIPFeatureExtractor',
        do_convert_rgb: true,
        do_resize: true,
        size: { shortest_edge: shape.imageSize },
        resample: 3,
        do_center_crop: true,
        crop_size: { height: shape.imageSize, width: shape.imageSize },
        do_rescale: true,
        rescale_factor: 1 / 255,
        do_normalize: true,
        image_mean: CLIP_IMAGE_MEAN,
        image_std: CLIP_IMAGE_STD,
      },
      null,
      2,
    ),
  );
  writeFileSync(stampFile, stamp);
  return outDir;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const outDir = args[0] && !args[0].startsWith('--') ? args[0] : 'scripts/bench/.model/vit-b32';
  const shape: BenchModelShape = {
    ...VIT_B32,
    layers: option('layers', VIT_B32.layers),
    width: option('width', VIT_B32.width),
    heads: option('heads', VIT_B32.heads),
    int8: args.includes('--int8'),
  };
  writeBenchModel(outDir, shape);
  console.log(`wrote ${outDir}`);
}
