// The engine skips transformers.js's image processor (it decodes once, small, with libvips) and writes
// `pixel_values` itself. These tests check that shortcut against the reference processor of the committed
// tiny CLIP fixture, so the embeddings the model sees match what the processor would have produced.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePhoto } from '../image/decode-photo';
import { photoLikePixels, rawImage } from '../testing/photo-fixtures';
import { preprocessingFromConfig, writePixelValues, type ClipPreprocessing } from './clip-preprocessing';

const FIXTURE_DIR = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'tiny-clip');

/**
 * Tolerance, in normalised units (one grey level is about 0.015). The two paths resize differently:
 * transformers.js uses an affine bicubic transform that does not low-pass when shrinking, libvips' resize
 * does, so the per-pixel sensor noise of the fixtures aliases differently (measured: mean ~0.05, p99 ~0.15).
 * A real mistake is far outside these bounds: swapped channels give a mean of ~0.42, a wrong mean/std
 * ~0.33, a missing EXIF rotation ~0.6 (checked below).
 */
const MAX_MEAN_ABS_DIFF = 0.06;
const MAX_P99_ABS_DIFF = 0.25;
/**
 * Mean signed difference per channel: a systematic offset (wrong mean, rescale or colour space) shows here
 * first; an error of 0.01 in one channel's image_mean gives ~0.037. Measured: up to 0.012 on PNG inputs,
 * where libvips' shrink leaves the decode ~0.7 grey levels darker than the source; ~0.002 on JPEGs.
 */
const MAX_CHANNEL_BIAS = 0.025;

type Processor = (image: unknown) => Promise<{ pixel_values: { data: Float32Array; dims: number[] } }>;
type RawImageClass = { fromBlob(blob: Blob): Promise<{ width: number; height: number }> };

let processor: Processor;
let RawImage: RawImageClass;
let settings: ClipPreprocessing;

beforeAll(async () => {
  const transformers = await import('@huggingface/transformers');
  const loaded = await transformers.AutoImageProcessor.from_pretrained(FIXTURE_DIR, {
    local_files_only: true,
  });
  processor = loaded as unknown as Processor;
  RawImage = transformers.RawImage as unknown as RawImageClass;
  // Exactly as the engine reads it (clip-vision-model.ts).
  settings = preprocessingFromConfig((loaded as unknown as { config: Record<string, unknown> }).config);
});

async function fastPath(file: Buffer): Promise<Float32Array> {
  const decoded = await decodePhoto(file, settings.shortSide);
  const target = new Float32Array(3 * settings.cropWidth * settings.cropHeight);
  writePixelValues(decoded, settings, target, 0);
  return target;
}

async function referencePath(file: Buffer): Promise<{ values: Float32Array; width: number; height: number }> {
  const image = await RawImage.fromBlob(new Blob([new Uint8Array(file)]));
  const { pixel_values } = await processor(image);
  expect(pixel_values.dims).toEqual([1, 3, settings.cropHeight, settings.cropWidth]);
  return { values: pixel_values.data, width: image.width, height: image.height };
}

function compare(fast: Float32Array, reference: Float32Array) {
  expect(fast.length).toBe(reference.length);
  const diffs = Float64Array.from(fast, (value, i) => Math.abs(value - reference[i]!)).sort();
  const mean = diffs.reduce((sum, d) => sum + d, 0) / diffs.length;
  const p99 = diffs[Math.floor(diffs.length * 0.99)]!;
  const plane = fast.length / 3;
  const bias = [0, 1, 2].map((c) => {
    let sum = 0;
    for (let i = c * plane; i < (c + 1) * plane; i++) sum += fast[i]! - reference[i]!;
    return Math.abs(sum / plane);
  });
  return { mean, p99, bias: Math.max(...bias) };
}

function expectClose(fast: Float32Array, reference: Float32Array): void {
  const { mean, p99, bias } = compare(fast, reference);
  expect(mean).toBeLessThanOrEqual(MAX_MEAN_ABS_DIFF);
  expect(p99).toBeLessThanOrEqual(MAX_P99_ABS_DIFF);
  expect(bias).toBeLessThanOrEqual(MAX_CHANNEL_BIAS);
}

describe('fast CLIP preprocessing vs the transformers.js processor', () => {
  // One large photo-like image serves the landscape, portrait and EXIF cases: drawing it is the slow part.
  let landscapePixels: Buffer;
  beforeAll(() => {
    landscapePixels = photoLikePixels(11, 2400, 1500);
  });
  const landscape = () => rawImage(landscapePixels, 2400, 1500);

  it('reads the fixture settings the way the model expects them', () => {
    expect(settings).toEqual({
      shortSide: 224,
      cropWidth: 224,
      cropHeight: 224,
      rescale: 1 / 255,
      mean: [0.48145466, 0.4578275, 0.40821073],
      std: [0.26862954, 0.26130258, 0.27577711],
    });
  });

  it('matches on a 2400x1500 photo-like JPEG', async () => {
    const file = await landscape().jpeg({ quality: 90 }).toBuffer();
    const reference = await referencePath(file);
    expectClose(await fastPath(file), reference.values);
  });

  it('matches on a 1500x2400 portrait PNG', async () => {
    const file = await landscape().rotate(90).png().toBuffer();
    const reference = await referencePath(file);
    expect([reference.width, reference.height]).toEqual([1500, 2400]);
    expectClose(await fastPath(file), reference.values);
  });

  it('matches on a small 300x200 image that has to be upscaled', async () => {
    const file = await rawImage(photoLikePixels(13, 300, 200), 300, 200)
      .jpeg({ quality: 90 })
      .toBuffer();
    const reference = await referencePath(file);
    expectClose(await fastPath(file), reference.values);
  });

  it('matches on a JPEG with EXIF orientation 6, and would not without the rotation', async () => {
    const file = await landscape().jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
    const fast = await fastPath(file);

    // transformers.js (Node, sharp backend) applies EXIF orientation when reading, so its result on the
    // tagged file is the upright reference...
    const reference = await referencePath(file);
    expect([reference.width, reference.height]).toEqual([1500, 2400]);
    expectClose(fast, reference.values);
    // ...and it agrees with the reference on a physically rotated copy, which does not depend on that.
    const rotated = await referencePath(await landscape().rotate(90).jpeg({ quality: 90 }).toBuffer());
    expectClose(fast, rotated.values);

    // The bounds are tight enough to catch an orientation mistake: the unrotated picture is far off.
    const sideways = await referencePath(await landscape().jpeg({ quality: 90 }).toBuffer());
    expect(compare(fast, sideways.values).mean).toBeGreaterThan(MAX_MEAN_ABS_DIFF * 2);
  });

  it('writes each photo into its own slot of a batch', async () => {
    const first = await decodePhoto(
      await rawImage(photoLikePixels(21, 320, 240), 320, 240)
        .png()
        .toBuffer(),
      224,
    );
    const second = await decodePhoto(
      await rawImage(photoLikePixels(22, 240, 320), 240, 320)
        .png()
        .toBuffer(),
      224,
    );
    const size = 3 * settings.cropWidth * settings.cropHeight;
    const batch = new Float32Array(3 * size).fill(Number.NaN);
    writePixelValues(second, settings, batch, 1);
    writePixelValues(first, settings, batch, 0);

    const alone = new Float32Array(size);
    writePixelValues(second, settings, alone, 0);
    expect(batch.subarray(size, 2 * size)).toEqual(alone);
    expect(batch.subarray(0, size).every(Number.isFinite)).toBe(true);
    // Slot 2 was never written.
    expect(batch.subarray(2 * size).every(Number.isNaN)).toBe(true);
  });

  it('refuses a decode smaller than the crop instead of reading outside the buffer', async () => {
    const small = await decodePhoto(
      await rawImage(photoLikePixels(23, 320, 240), 320, 240)
        .png()
        .toBuffer(),
      100,
    );
    expect(() => writePixelValues(small, settings, new Float32Array(3 * 224 * 224), 0)).toThrow(/smaller/);
  });
});

describe('preprocessingFromConfig', () => {
  const normalisation = { image_mean: [0.5, 0.4, 0.3], image_std: [0.2, 0.25, 0.3] };

  it('reads the dict forms of size and crop_size', () => {
    const settings = preprocessingFromConfig({
      size: { shortest_edge: 256 },
      crop_size: { height: 224, width: 200 },
      rescale_factor: 1 / 255,
      ...normalisation,
    });
    expect(settings).toEqual({
      shortSide: 256,
      cropWidth: 200,
      cropHeight: 224,
      rescale: 1 / 255,
      mean: [0.5, 0.4, 0.3],
      std: [0.2, 0.25, 0.3],
    });
  });

  it('reads a height/width size as its shorter side', () => {
    const settings = preprocessingFromConfig({ size: { height: 384, width: 336 }, ...normalisation });
    expect(settings.shortSide).toBe(336);
    // No crop_size: the crop is a square of the short side.
    expect([settings.cropWidth, settings.cropHeight]).toEqual([336, 336]);
  });

  it('reads the integer forms of size and crop_size', () => {
    const settings = preprocessingFromConfig({ size: 288, crop_size: 256, ...normalisation });
    expect(settings).toMatchObject({ shortSide: 288, cropWidth: 256, cropHeight: 256 });
  });

  it('throws a clear error when size is missing or unusable', () => {
    expect(() => preprocessingFromConfig({ crop_size: 224, ...normalisation })).toThrow(/size/);
    expect(() => preprocessingFromConfig({ size: {}, ...normalisation })).toThrow(/size/);
    expect(() => preprocessingFromConfig({ size: 0, ...normalisation })).toThrow(/size/);
  });

  it('honours do_rescale and do_normalize being off, and defaults the rescale to 1/255', () => {
    expect(preprocessingFromConfig({ size: 224, ...normalisation }).rescale).toBe(1 / 255);
    const raw = preprocessingFromConfig({ size: 224, do_rescale: false, do_normalize: false });
    expect(raw).toMatchObject({ rescale: 1, mean: [0, 0, 0], std: [1, 1, 1] });
  });

  it('throws when normalisation is on but the mean or std is missing', () => {
    expect(() => preprocessingFromConfig({ size: 224, image_std: [0.5, 0.5, 0.5] })).toThrow(/image_mean/);
    expect(() => preprocessingFromConfig({ size: 224, image_mean: [0.5, 0.5, 0.5] })).toThrow(/image_std/);
  });
});
