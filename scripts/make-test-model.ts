// Generates a tiny, deterministic, CLIP-shaped model in the transformers.js local-folder layout, so tests can
// exercise the real loading and embedding code without network access or a 600 MB download.
//
// Usage: npx tsx scripts/make-test-model.ts [outDir]   (default: fixtures/tiny-clip at the repo root)
//
// The vision tower is "average-pool to 16x16, then a fixed random projection to 40 dims". A random
// projection approximately preserves distances (Johnson-Lindenstrauss), so resized or recompressed copies of
// a photo land near each other, which is what duplicate-finding tests need. The width is 40, not 512, so
// that consumers are forced to read the embedding width instead of assuming CLIP ViT-B's.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onnx } from 'onnx-proto';
import { seededRandom } from '../electron/engine/testing/seeded-random';

export const EMBEDDING_DIM = 40;
const IMAGE_SIZE = 224;
const POOL_KERNEL = 14;
const POOLED_GRID = IMAGE_SIZE / POOL_KERNEL; // 16
const CHANNELS = 3;
const POOLED_FEATURES = CHANNELS * POOLED_GRID * POOLED_GRID; // 768
const MODEL_MAX_LENGTH = 77;
const PRNG_SEED = 0x5eed_c11f;

// opset 13 is the oldest opset where ReduceSum/Unsqueeze take axes as an input, and every op used here has
// been stable since; IR 8 is what onnx 1.10 (the schema onnx-proto ships) writes, and onnxruntime loads it.
const OPSET_VERSION = 13;
const IR_VERSION = 8;

// Same values as openai/clip-vit-base-patch32, so the preprocessing matches a real CLIP checkpoint.
export const CLIP_IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_IMAGE_STD = [0.26862954, 0.26130258, 0.27577711] as const;

export const UNKNOWN_TOKEN = '[UNK]';
export const START_TOKEN = '<|startoftext|>';
export const END_TOKEN = '<|endoftext|>';
const SPECIAL_TOKENS = [UNKNOWN_TOKEN, START_TOKEN, END_TOKEN] as const;

// Colour words whose text embedding equals the image embedding of a solid image of that colour, so a text
// search for "red" ranks red photos first end to end, with no learned weights anywhere.
export const COLOUR_WORDS: Readonly<Record<string, readonly [number, number, number]>> = {
  red: [255, 0, 0],
  green: [0, 255, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  white: [255, 255, 255],
  black: [0, 0, 0],
};

// A few hundred everyday words, enough that realistic test queries are not all [UNK].
const COMMON_WORDS = `
a an the of on in with at to from by for and or but not no is are was be as it its this that these those
there here up down over under near into out off about after before between behind above below inside outside
photo photos picture image shot selfie portrait landscape view scene close closeup
dog dogs cat cats bird birds horse cow sheep fish animal animals pet puppy kitten
person people man woman men women child children baby boy girl family friend friends group crowd face
beach sea ocean lake river water wave waves sand shore island boat ship
night day morning evening sunset sunrise sun moon star stars sky cloud clouds rain snow fog storm light dark
mountain mountains hill hills forest tree trees flower flowers grass garden park field leaf leaves rock stone
city street road building buildings house home room window door bridge tower church wall roof town village
car cars bus train bike bicycle plane airport station truck
food meal dinner lunch breakfast cake pizza bread coffee tea wine beer fruit apple table plate cup glass
red green blue yellow white black orange purple pink brown gray grey gold silver
big small large little old new young tall long short bright colorful happy beautiful
one two three four five first last
birthday wedding party holiday vacation trip travel christmas summer winter spring autumn fall
snowy sunny rainy cloudy
book phone computer screen camera chair bed sofa lamp clock bag hat shirt dress shoes
ball game sport football soccer tennis swimming running walking playing sitting standing sleeping eating
smiling laughing
kitchen bathroom office school museum market shop restaurant cafe bar hotel
snowman fire candle lights fireworks
`;

const PUNCTUATION_TOKENS = ['.', ',', '!', '?', "'", '-'];

/** Box-Muller on top of the uniform source; V8's Math.log/cos/sqrt are fdlibm ports, so this is reproducible. */
function createSeededGaussianRandom(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => {
    // 1 - u keeps the argument of log strictly positive.
    const u1 = 1 - uniform();
    const u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
}

/** Row-major [768, 40] Gaussian matrix scaled by 1/sqrt(768), so output scale does not depend on input size. */
function makeVisionProjection(gaussian: () => number): Float32Array {
  const projection = new Float32Array(POOLED_FEATURES * EMBEDDING_DIM);
  const scale = 1 / Math.sqrt(POOLED_FEATURES);
  for (let i = 0; i < projection.length; i++) projection[i] = gaussian() * scale;
  return projection;
}

/** The same normalisation the preprocessor applies: rescale to [0,1], then (x - mean) / std per channel. */
export function normalizeRgb(rgb: readonly [number, number, number]): [number, number, number] {
  const normalizeChannel = (c: 0 | 1 | 2): number => (rgb[c] / 255 - CLIP_IMAGE_MEAN[c]) / CLIP_IMAGE_STD[c];
  return [normalizeChannel(0), normalizeChannel(1), normalizeChannel(2)];
}

/**
 * What the vision graph computes for a uniform image: average pooling a uniform channel gives the channel value
 * in every one of the 16x16 cells, and Flatten lays features out channel-major (index = c*256 + cell).
 */
function embedSolidColourImage(
  projection: Float32Array,
  rgb: readonly [number, number, number],
): Float32Array {
  const normalized = normalizeRgb(rgb);
  const cellsPerChannel = POOLED_GRID * POOLED_GRID;
  const embedding = new Float32Array(EMBEDDING_DIM);
  for (let j = 0; j < EMBEDDING_DIM; j++) {
    let sum = 0;
    for (let feature = 0; feature < POOLED_FEATURES; feature++) {
      const channel = Math.floor(feature / cellsPerChannel);
      sum += normalized[channel]! * projection[feature * EMBEDDING_DIM + j]!;
    }
    embedding[j] = sum;
  }
  return embedding;
}

/** Special tokens first (fixed ids 0..2), then words, then punctuation; duplicates are a script bug. */
export function buildVocabulary(): string[] {
  const words = COMMON_WORDS.split(/\s+/).filter((word) => word.length > 0);
  const vocabulary = [...SPECIAL_TOKENS, ...words, ...PUNCTUATION_TOKENS];
  const seen = new Set<string>();
  for (const token of vocabulary) {
    if (seen.has(token)) throw new Error(`Duplicate vocabulary entry: ${token}`);
    seen.add(token);
  }
  for (const colour of Object.keys(COLOUR_WORDS)) {
    if (!seen.has(colour)) throw new Error(`Colour word missing from vocabulary: ${colour}`);
  }
  return vocabulary;
}

/**
 * Row-major [vocab, 40] table. Special tokens get zero rows: they occur in every query, so with the masked
 * mean a one-word query like "red" points exactly along its word's row. Colour rows equal solid-colour image
 * embeddings; every other row is Gaussian with unit expected norm, so filler words nudge but do not dominate.
 */
function makeTextEmbeddingTable(
  vocabulary: readonly string[],
  projection: Float32Array,
  gaussian: () => number,
): Float32Array {
  const table = new Float32Array(vocabulary.length * EMBEDDING_DIM);
  const rowScale = 1 / Math.sqrt(EMBEDDING_DIM);
  vocabulary.forEach((token, row) => {
    // Draw for every row, even overridden ones, so adding a colour word does not reshuffle the others.
    const randomRow = Array.from({ length: EMBEDDING_DIM }, () => gaussian() * rowScale);
    const colour = COLOUR_WORDS[token];
    const isSpecial = (SPECIAL_TOKENS as readonly string[]).includes(token);
    const values = isSpecial
      ? new Float32Array(EMBEDDING_DIM)
      : colour
        ? embedSolidColourImage(projection, colour)
        : randomRow;
    table.set(values, row * EMBEDDING_DIM);
  });
  return table;
}

/** Little-endian raw bytes regardless of host byte order, as the ONNX spec requires for raw_data. */
function floatTensor(name: string, dims: number[], values: Float32Array): onnx.ITensorProto {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes };
}

function int64Tensor(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
  return { name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: bytes };
}

/** A tensor graph input/output; string dims become symbolic (dim_param) so batch and sequence can vary. */
function tensorValueInfo(
  name: string,
  elemType: onnx.TensorProto.DataType,
  dims: ReadonlyArray<number | string>,
): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((dim) => (typeof dim === 'string' ? { dimParam: dim } : { dimValue: dim })) },
      },
    },
  };
}

function intsAttribute(name: string, ints: number[]): onnx.IAttributeProto {
  return { name, ints, type: onnx.AttributeProto.AttributeType.INTS };
}

function intAttribute(name: string, i: number): onnx.IAttributeProto {
  return { name, i, type: onnx.AttributeProto.AttributeType.INT };
}

function serializeModel(graph: onnx.IGraphProto, docString: string): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET_VERSION }],
    producerName: 'doppel-make-test-model',
    producerVersion: '1',
    docString,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** pixel_values [batch,3,224,224] -> AveragePool 14/14 -> Flatten [batch,768] -> MatMul W -> image_embeds. */
function buildVisionModel(projection: Float32Array): Uint8Array {
  const graph: onnx.IGraphProto = {
    name: 'tiny_clip_vision',
    initializer: [floatTensor('projection', [POOLED_FEATURES, EMBEDDING_DIM], projection)],
    input: [
      tensorValueInfo('pixel_values', onnx.TensorProto.DataType.FLOAT, [
        'batch',
        CHANNELS,
        IMAGE_SIZE,
        IMAGE_SIZE,
      ]),
    ],
    output: [tensorValueInfo('image_embeds', onnx.TensorProto.DataType.FLOAT, ['batch', EMBEDDING_DIM])],
    node: [
      {
        name: 'pool',
        opType: 'AveragePool',
        input: ['pixel_values'],
        output: ['pooled'],
        attribute: [
          intsAttribute('kernel_shape', [POOL_KERNEL, POOL_KERNEL]),
          intsAttribute('strides', [POOL_KERNEL, POOL_KERNEL]),
        ],
      },
      {
        name: 'flatten',
        opType: 'Flatten',
        input: ['pooled'],
        output: ['pooled_flat'],
        attribute: [intAttribute('axis', 1)],
      },
      { name: 'project', opType: 'MatMul', input: ['pooled_flat', 'projection'], output: ['image_embeds'] },
    ],
  };
  return serializeModel(graph, 'Tiny deterministic CLIP-shaped vision tower for tests.');
}

/** input_ids/attention_mask [batch,seq] -> Gather rows -> mean over unmasked positions -> text_embeds. */
function buildTextModel(table: Float32Array, vocabularySize: number): Uint8Array {
  const graph: onnx.IGraphProto = {
    name: 'tiny_clip_text',
    initializer: [
      floatTensor('token_embeddings', [vocabularySize, EMBEDDING_DIM], table),
      int64Tensor('last_axis', [1], [2]),
      int64Tensor('sequence_axis', [1], [1]),
      // Clamp the token count to at least 1 so an all-padding row yields zeros instead of NaN.
      floatTensor('min_token_count', [], new Float32Array([1])),
    ],
    input: [
      tensorValueInfo('input_ids', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']),
      tensorValueInfo('attention_mask', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']),
    ],
    output: [tensorValueInfo('text_embeds', onnx.TensorProto.DataType.FLOAT, ['batch', EMBEDDING_DIM])],
    node: [
      {
        name: 'embed',
        opType: 'Gather',
        input: ['token_embeddings', 'input_ids'],
        output: ['token_vectors'],
        attribute: [intAttribute('axis', 0)],
      },
      {
        name: 'mask_to_float',
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_float'],
        attribute: [intAttribute('to', onnx.TensorProto.DataType.FLOAT)],
      },
      {
        name: 'mask_expand',
        opType: 'Unsqueeze',
        input: ['mask_float', 'last_axis'],
        output: ['mask_expanded'],
      },
      {
        name: 'apply_mask',
        opType: 'Mul',
        input: ['token_vectors', 'mask_expanded'],
        output: ['masked_vectors'],
      },
      {
        name: 'sum_vectors',
        opType: 'ReduceSum',
        input: ['masked_vectors', 'sequence_axis'],
        output: ['vector_sum'],
        attribute: [intAttribute('keepdims', 0)],
      },
      {
        name: 'count_tokens',
        opType: 'ReduceSum',
        input: ['mask_float', 'sequence_axis'],
        output: ['token_count'],
        attribute: [intAttribute('keepdims', 1)],
      },
      {
        name: 'clamp_count',
        opType: 'Max',
        input: ['token_count', 'min_token_count'],
        output: ['safe_count'],
      },
      { name: 'mean', opType: 'Div', input: ['vector_sum', 'safe_count'], output: ['text_embeds'] },
    ],
  };
  return serializeModel(graph, 'Tiny deterministic CLIP-shaped text tower for tests.');
}

function buildModelConfig(vocabularySize: number): object {
  return {
    architectures: ['CLIPModel'],
    model_type: 'clip',
    projection_dim: EMBEDDING_DIM,
    // transformers.js reads no CLIP-specific fields; these mirror a real checkpoint's shape for readers.
    text_config: {
      model_type: 'clip_text_model',
      vocab_size: vocabularySize,
      hidden_size: EMBEDDING_DIM,
      projection_dim: EMBEDDING_DIM,
      max_position_embeddings: MODEL_MAX_LENGTH,
      bos_token_id: SPECIAL_TOKENS.indexOf(START_TOKEN),
      eos_token_id: SPECIAL_TOKENS.indexOf(END_TOKEN),
      pad_token_id: SPECIAL_TOKENS.indexOf(END_TOKEN),
    },
    vision_config: {
      model_type: 'clip_vision_model',
      image_size: IMAGE_SIZE,
      patch_size: POOL_KERNEL,
      num_channels: CHANNELS,
      hidden_size: EMBEDDING_DIM,
      projection_dim: EMBEDDING_DIM,
    },
    // Without this, a caller that omits `dtype` gets a "dtype not specified" log line; only fp32 files exist.
    'transformers.js_config': { dtype: 'fp32' },
    doppel: {
      note: 'tiny deterministic test model; embeddings are a random projection of 16x16 average-pooled pixels',
      colour_words: Object.keys(COLOUR_WORDS),
      // The model states its own distance scale, as any model folder may: a random projection of pooled
      // pixels spreads neighbouring shots further apart than CLIP does, so its slider needs a longer range.
      thresholds: {
        defaultThreshold: 0.25,
        maxPairDistance: 0.5,
        source: 'tiny test model: pooled-pixel distances run larger than CLIP ViT-B/32 distances',
      },
    },
  };
}

/** Dict-form size/crop_size: the bare-integer form makes transformers.js produce a wrongly shaped tensor. */
function buildPreprocessorConfig(): object {
  return {
    image_processor_type: 'CLIPImageProcessor',
    feature_extractor_type: 'CLIPFeatureExtractor',
    do_convert_rgb: true,
    do_resize: true,
    size: { shortest_edge: IMAGE_SIZE },
    resample: 3,
    do_center_crop: true,
    crop_size: { height: IMAGE_SIZE, width: IMAGE_SIZE },
    do_rescale: true,
    rescale_factor: 1 / 255,
    do_normalize: true,
    image_mean: [...CLIP_IMAGE_MEAN],
    image_std: [...CLIP_IMAGE_STD],
  };
}

/**
 * A WordLevel tokenizer.json. @huggingface/tokenizers has no class named WordLevel, but its fallback "Legacy"
 * model does exactly word-level lookup, taking the unknown token from tokenizer_config.json's unk_token.
 */
function buildTokenizerJson(vocabulary: readonly string[]): object {
  const vocab = Object.fromEntries(vocabulary.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: token, ids: [vocabulary.indexOf(token)], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: vocabulary.indexOf(token),
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    // Wrap every sequence in start/end tokens like real CLIP does, so sequence lengths look familiar.
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: START_TOKEN, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: END_TOKEN, type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: START_TOKEN, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: END_TOKEN, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: END_TOKEN, type_id: 1 } },
      ],
      special_tokens: { [START_TOKEN]: special(START_TOKEN), [END_TOKEN]: special(END_TOKEN) },
    },
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: UNKNOWN_TOKEN },
  };
}

function buildTokenizerConfig(): object {
  return {
    tokenizer_class: 'CLIPTokenizer',
    model_max_length: MODEL_MAX_LENGTH,
    do_lower_case: true,
    bos_token: START_TOKEN,
    eos_token: END_TOKEN,
    // CLIP pads with its end token; the attention mask keeps padding out of the mean anyway.
    pad_token: END_TOKEN,
    unk_token: UNKNOWN_TOKEN,
    padding_side: 'right',
    clean_up_tokenization_spaces: false,
  };
}

function buildSpecialTokensMap(): object {
  return { bos_token: START_TOKEN, eos_token: END_TOKEN, pad_token: END_TOKEN, unk_token: UNKNOWN_TOKEN };
}

function toJsonFile(value: object): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every generated file, keyed by its path relative to the model folder (posix separators). */
export function generateTinyClipFiles(): Map<string, Uint8Array | string> {
  // One stream, drawn in a fixed order: projection first, then the text table.
  const gaussian = createSeededGaussianRandom(PRNG_SEED);
  const projection = makeVisionProjection(gaussian);
  const vocabulary = buildVocabulary();
  const table = makeTextEmbeddingTable(vocabulary, projection, gaussian);

  return new Map<string, Uint8Array | string>([
    ['config.json', toJsonFile(buildModelConfig(vocabulary.length))],
    ['preprocessor_config.json', toJsonFile(buildPreprocessorConfig())],
    ['tokenizer.json', toJsonFile(buildTokenizerJson(vocabulary))],
    ['tokenizer_config.json', toJsonFile(buildTokenizerConfig())],
    ['special_tokens_map.json', toJsonFile(buildSpecialTokensMap())],
    ['onnx/vision_model.onnx', buildVisionModel(projection)],
    ['onnx/text_model.onnx', buildTextModel(table, vocabulary.length)],
  ]);
}

/** Writes the model folder and returns the relative paths written, in a stable order. */
export function writeTinyClipModel(outDir: string): string[] {
  const files = generateTinyClipFiles();
  for (const [relativePath, contents] of files) {
    const target = path.join(outDir, ...relativePath.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, contents);
  }
  return [...files.keys()];
}

function isRunDirectly(): boolean {
  // Works under tsx (CommonJS) and stays false when a test runner imports this module.
  return /make-test-model\.ts$/.test(process.argv[1] ?? '');
}

if (isRunDirectly()) {
  const outDir = process.argv[2]
    ? path.resolve(process.argv[2])
    : path.resolve(__dirname, '..', 'fixtures', 'tiny-clip');
  const written = writeTinyClipModel(outDir);
  console.log(`Wrote ${written.length} files to ${outDir}`);
}
