import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodePhoto } from '../../electron/engine/image/decode-photo';
import { indexFolders } from '../../electron/engine/indexing/indexer';
import { preparePhoto } from '../../electron/engine/indexing/prepare-photo';
import { preprocessingFromConfig, writePixelValues } from '../../electron/engine/model/clip-preprocessing';
import { loadClipVisionModel } from '../../electron/engine/model/clip-vision-model';
import { resolveModelSource } from '../../electron/engine/model/model-source';
import { normalizeInPlace } from '../../electron/engine/model/vector-math';
import { openDatabase } from '../../electron/engine/store/database';
import { PairStore } from '../../electron/engine/store/pair-store';
import { PhotoStore } from '../../electron/engine/store/photo-store';
import { StageStore } from '../../electron/engine/store/stage-store';
import { migrate } from '../../electron/engine/store/schema';
import { CACHE_DIR, type BenchConfig } from './bench-config';
import type { Row } from './measure-vectors';

/** The engine's default: one intra-op thread per core (clip-vision-model.ts). */
const THREADS = availableParallelism();

export function photosDir(config: BenchConfig): string {
  return path.join(CACHE_DIR, `photos-12mp-${config.photos}`);
}

async function bareThroughput(modelFile: string, config: BenchConfig): Promise<number> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelFile, {
    intraOpNumThreads: THREADS,
    interOpNumThreads: 1,
  });
  const size = config.model.imageSize;
  const input = new Float32Array(config.batchSize * 3 * size * size);
  for (let i = 0; i < input.length; i++) input[i] = Math.sin(i * 0.37) * 1.5;
  const feeds = { pixel_values: new ort.Tensor('float32', input, [config.batchSize, 3, size, size]) };
  await session.run(feeds); // warm-up: first run allocates and plans
  const started = performance.now();
  for (let i = 0; i < config.bareBatches; i++) await session.run(feeds);
  const seconds = (performance.now() - started) / 1000;
  await session.release();
  return (config.bareBatches * config.batchSize) / seconds;
}

/** (1) The limit: the model alone in onnxruntime-node at the engine's batch size and threads. */
export async function measureBare(config: BenchConfig): Promise<Row[]> {
  const photosPerSecond = await bareThroughput(
    path.join(config.modelDir, 'onnx', 'vision_model.onnx'),
    config,
  );
  return [
    {
      measurement: 'bare model in onnxruntime-node (fp32)',
      size: `batch ${config.batchSize}, ${THREADS} threads`,
      value: photosPerSecond,
      unit: 'photos/s',
      note: `${config.bareBatches * config.batchSize} images after one warm-up batch`,
    },
  ];
}

/** (2) Doppel end to end: scan, hash, decode with shrink-on-load, embed, perceptual hash, store, pair. */
export async function measureDoppel(config: BenchConfig): Promise<Row[]> {
  const dataDir = path.join(CACHE_DIR, 'index-db');
  rmSync(dataDir, { recursive: true, force: true });
  const db = await openDatabase({ kind: 'embedded', path: dataDir });
  await migrate(db);
  const model = await loadClipVisionModel({
    source: resolveModelSource(config.modelDir),
    cacheDir: path.join(CACHE_DIR, 'models'),
  });
  // The CPU work besides the model, alone: content hash, decode with shrink-on-load, perceptual fingerprint.
  const files = readdirSync(photosDir(config)).filter((name) => name.endsWith('.jpg'));
  const decodeStarted = performance.now();
  for (let i = 0; i < files.length; i += config.batchSize) {
    await Promise.all(
      files.slice(i, i + config.batchSize).map(async (name) => {
        const file = path.join(photosDir(config), name);
        const { size, mtimeMs } = statSync(file);
        const prepared = await preparePhoto(
          { path: file, folder: photosDir(config), size, mtimeMs },
          null,
          model.preprocessing,
        );
        if (!prepared.ok) throw new Error(prepared.error);
      }),
    );
  }
  const decodeRate = files.length / ((performance.now() - decodeStarted) / 1000);
  let embeddingRate = 0;
  const result = await indexFolders(
    [photosDir(config)],
    {
      photos: new PhotoStore(db),
      pairs: new PairStore(db),
      stages: new StageStore(db),
      model,
      dataDir,
      batchSize: config.batchSize,
    },
    {
      onProgress: (progress) => progress.phase === 'embedding' && (embeddingRate = progress.photosPerSecond),
    },
  );
  await model.dispose();
  await db.close();
  if (result.indexed !== config.photos || result.errors.length > 0)
    throw new Error(`indexed ${result.indexed} of ${config.photos}: ${JSON.stringify(result.errors)}`);
  return [
    {
      measurement: 'Doppel indexing, end to end (12 MP JPEG)',
      size: `${config.photos} photos, batch ${config.batchSize}`,
      value: result.indexed / result.seconds,
      unit: 'photos/s',
      note: `whole run ${result.seconds.toFixed(1)} s incl. scan, store and pairing; embedding phase ${embeddingRate.toFixed(1)} photos/s`,
    },
    {
      measurement: 'Doppel decode + hash + fingerprint only, no model (preparePhoto)',
      size: `${files.length} photos, ${config.batchSize} at a time`,
      value: decodeRate,
      unit: 'photos/s',
      note: 'the CPU indexing needs besides the model, on the same cores',
    },
  ];
}

/** (3) What a transformers.js user writes: RawImage.read + AutoProcessor + the model, batches of 8. */
export async function measureTransformers(config: BenchConfig): Promise<Row[]> {
  const { AutoProcessor, CLIPVisionModelWithProjection, RawImage, env } =
    await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.cacheDir = path.join(CACHE_DIR, 'models');
  const processor = await AutoProcessor.from_pretrained(config.modelDir, { local_files_only: true });
  const model = await CLIPVisionModelWithProjection.from_pretrained(config.modelDir, {
    local_files_only: true,
    dtype: 'fp32',
  });
  const files = Array.from({ length: config.transformersPhotos }, (_, i) =>
    path.join(photosDir(config), `IMG_${String(i).padStart(4, '0')}.jpg`),
  );
  const started = performance.now();
  for (let i = 0; i < files.length; i += config.batchSize) {
    const images = await Promise.all(files.slice(i, i + config.batchSize).map((file) => RawImage.read(file)));
    const inputs = await processor(images);
    await model(inputs);
  }
  const seconds = (performance.now() - started) / 1000;
  await model.dispose();
  return [
    {
      measurement: 'transformers.js default path (RawImage.read + AutoProcessor + model)',
      size: `${files.length} photos, batch ${config.batchSize}`,
      value: files.length / seconds,
      unit: 'photos/s',
      note: 'default session options (onnxruntime picks the threads)',
    },
  ];
}

/**
 * fp32 vs the int8 twin (same weights, dynamically quantised MatMuls): speed, and drift on real decodes of
 * the benchmark photos and of resized + recompressed copies of them (the near-duplicate pairs).
 */
export async function measureInt8(config: BenchConfig): Promise<Row[]> {
  const ort = await import('onnxruntime-node');
  const int8File = path.join(config.int8ModelDir, 'onnx', 'vision_model.onnx');
  const int8Rate = await bareThroughput(int8File, config);
  const preprocessing = preprocessingFromConfig(
    JSON.parse(readFileSync(path.join(config.modelDir, 'preprocessor_config.json'), 'utf8')),
  );
  const count = Math.min(16, config.photos);
  const inputs: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(photosDir(config), `IMG_${String(i).padStart(4, '0')}.jpg`);
    inputs.push(readFileSync(file));
    inputs.push(await sharp(file).resize(1600).jpeg({ quality: 70 }).toBuffer());
  }
  const size = preprocessing.cropWidth * preprocessing.cropHeight * 3;
  const pixels = new Float32Array(inputs.length * size);
  for (let i = 0; i < inputs.length; i++)
    writePixelValues(await decodePhoto(inputs[i]!, preprocessing.shortSide), preprocessing, pixels, i);
  const embed = async (file: string) => {
    const session = await ort.InferenceSession.create(file, { intraOpNumThreads: THREADS });
    const vectors: Float32Array[] = [];
    for (let i = 0; i < inputs.length; i += config.batchSize) {
      const n = Math.min(config.batchSize, inputs.length - i);
      const output = await session.run({
        pixel_values: new ort.Tensor('float32', pixels.slice(i * size, (i + n) * size), [n, 3, 224, 224]),
      });
      const data = output.image_embeds!.data as Float32Array;
      const dims = data.length / n;
      for (let k = 0; k < n; k++) vectors.push(normalizeInPlace(data.slice(k * dims, (k + 1) * dims)));
    }
    await session.release();
    return vectors;
  };
  const fp32 = await embed(path.join(config.modelDir, 'onnx', 'vision_model.onnx'));
  const int8 = await embed(int8File);
  const distance = (a: Float32Array, b: Float32Array) => Math.hypot(...a.map((x, k) => x - b[k]!));
  const drift = fp32.map((v, i) => distance(v, int8[i]!));
  const pairs: { fp32: number; int8: number }[] = [];
  for (let i = 0; i < fp32.length; i++)
    for (let j = i + 1; j < fp32.length; j++)
      pairs.push({ fp32: distance(fp32[i]!, fp32[j]!), int8: distance(int8[i]!, int8[j]!) });
  let concordant = 0;
  let compared = 0;
  for (let p = 0; p < pairs.length; p++)
    for (let q = p + 1; q < pairs.length; q++) {
      const a = pairs[p]!;
      const b = pairs[q]!;
      if (a.fp32 === b.fp32) continue;
      compared++;
      if (a.fp32 < b.fp32 === a.int8 < b.int8) concordant++;
    }
  let sameNearest = 0;
  for (let i = 0; i < fp32.length; i++) {
    const nearest = (vectors: Float32Array[]) => {
      let best = -1;
      let bestDistance = Infinity;
      vectors.forEach((v, j) => {
        const d = j === i ? Infinity : distance(vectors[i]!, v);
        if (d < bestDistance) [best, bestDistance] = [j, d];
      });
      return best;
    };
    if (nearest(fp32) === nearest(int8)) sameNearest++;
  }
  // Inputs alternate original, copy: (2k, 2k + 1) are the near-duplicate pairs.
  const nearDuplicateShift = Array.from({ length: count }, (_, k) =>
    Math.abs(distance(fp32[2 * k]!, fp32[2 * k + 1]!) - distance(int8[2 * k]!, int8[2 * k + 1]!)),
  );
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return [
    {
      measurement: 'bare model in onnxruntime-node (int8 dynamic quantisation)',
      size: `batch ${config.batchSize}, ${THREADS} threads`,
      value: int8Rate,
      unit: 'photos/s',
      note: 'same weights as fp32, MatMuls as DynamicQuantizeMatMul',
    },
    {
      measurement: 'int8 drift: L2 between fp32 and int8 vectors of one photo',
      size: `${inputs.length} images`,
      value: mean(drift),
      unit: 'L2 (mean)',
      note:
        `max ${Math.max(...drift).toFixed(4)}; pair-distance order kept for ${((100 * concordant) / compared).toFixed(1)}% ` +
        `of ${compared} pair comparisons; nearest neighbour unchanged for ${sameNearest}/${fp32.length}; ` +
        `near-duplicate pair distance moved by ${mean(nearDuplicateShift).toFixed(4)} on average`,
    },
  ];
}
