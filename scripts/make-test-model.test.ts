// Checks that the committed tiny CLIP fixture is exactly what scripts/make-test-model.ts produces, and that
// transformers.js really loads and runs it from an absolute local folder with no network.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AutoImageProcessor,
  AutoProcessor,
  AutoTokenizer,
  CLIPTextModelWithProjection,
  CLIPVisionModelWithProjection,
  RawImage,
  Tensor,
  env,
  // @ts-expect-error TS1479: typechecked as CommonJS like the scripts, but vitest runs this file as an ES module.
} from '@huggingface/transformers';
import { COLOUR_WORDS, EMBEDDING_DIM, normalizeRgb, writeTinyClipModel } from './make-test-model';

const FIXTURE_DIR = path.resolve(__dirname, '..', 'fixtures', 'tiny-clip');
// An absolute path is not a valid hub model id, so transformers.js reads files straight from it
// (env.localModelPath is only prefixed to ids like "owner/name").
const LOAD_OPTIONS = { local_files_only: true, dtype: 'fp32' } as const;

function listFilesRecursively(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** A reproducible, non-uniform pixel batch: each image gets a different smooth pattern. */
function makePatternedPixelBatch(batch: number): Tensor {
  const size = 224;
  const data = new Float32Array(batch * 3 * size * size);
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          data[((b * 3 + c) * size + y) * size + x] =
            Math.sin((x + 1) * (b + 1) * 0.05 + c) * Math.cos(y * 0.03);
        }
      }
    }
  }
  return new Tensor('float32', data, [batch, 3, size, size]);
}

/** What the preprocessor would output for a solid image: every pixel holds the normalised channel value. */
function makeSolidColourPixels(rgb: readonly [number, number, number]): Tensor {
  const size = 224;
  const normalized = normalizeRgb(rgb);
  const data = new Float32Array(3 * size * size);
  for (let c = 0; c < 3; c++) data.fill(normalized[c]!, c * size * size, (c + 1) * size * size);
  return new Tensor('float32', data, [1, 3, size, size]);
}

function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(normA * normB);
}

function rowOf(tensor: Tensor, row: number): Float32Array {
  const width = tensor.dims[1]!;
  return (tensor.data as Float32Array).slice(row * width, (row + 1) * width);
}

describe('make-test-model', () => {
  let previousAllowRemoteModels: boolean;

  beforeAll(() => {
    // Any attempt to reach the hub must fail loudly instead of silently downloading.
    previousAllowRemoteModels = env.allowRemoteModels;
    env.allowRemoteModels = false;
  });

  afterAll(() => {
    env.allowRemoteModels = previousAllowRemoteModels;
  });

  it('regenerates byte-identical files to the committed fixture', () => {
    const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tiny-clip-'));
    try {
      const written = writeTinyClipModel(tempDir);
      const committedFiles = listFilesRecursively(FIXTURE_DIR);
      expect(listFilesRecursively(tempDir)).toEqual(committedFiles);
      expect([...written].sort()).toEqual(committedFiles);
      for (const file of committedFiles) {
        const regenerated = readFileSync(path.join(tempDir, file));
        const committed = readFileSync(path.join(FIXTURE_DIR, file));
        expect(regenerated.equals(committed), `${file} differs from the script's output`).toBe(true);
      }
    } finally {
      rmSync(tempDir, { recursive: true, force: true });
    }
  });

  it('keeps the whole model folder well under 1 MB', () => {
    const totalBytes = listFilesRecursively(FIXTURE_DIR).reduce(
      (sum, file) => sum + readFileSync(path.join(FIXTURE_DIR, file)).length,
      0,
    );
    expect(totalBytes).toBeLessThan(512 * 1024);
  });

  it('loads the vision tower from an absolute folder and embeds a batch deterministically', async () => {
    const model = await CLIPVisionModelWithProjection.from_pretrained(FIXTURE_DIR, LOAD_OPTIONS);
    try {
      const pixels = makePatternedPixelBatch(2);
      const first = await model({ pixel_values: pixels });
      const second = await model({ pixel_values: pixels });
      expect(Object.keys(first)).toEqual(['image_embeds']);
      expect(first.image_embeds.dims).toEqual([2, EMBEDDING_DIM]);
      expect(first.image_embeds.type).toBe('float32');
      expect(Array.from(first.image_embeds.data)).toEqual(Array.from(second.image_embeds.data));
      // Different images must give different embeddings, or the projection is degenerate.
      expect(cosineSimilarity(rowOf(first.image_embeds, 0), rowOf(first.image_embeds, 1))).toBeLessThan(0.99);
    } finally {
      await model.dispose();
    }
  });

  it('tokenizes with start/end tokens, unknown words and padding, and embeds text to the same width', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(FIXTURE_DIR, LOAD_OPTIONS);
    const model = await CLIPTextModelWithProjection.from_pretrained(FIXTURE_DIR, LOAD_OPTIONS);
    try {
      const single = tokenizer('a red photo');
      const ids = Array.from(single.input_ids.data as BigInt64Array, Number);
      expect(ids).toHaveLength(5);
      expect(ids[0]).toBe(tokenizer.convert_tokens_to_ids('<|startoftext|>'));
      expect(ids.slice(1, 4)).toEqual(tokenizer.convert_tokens_to_ids(['a', 'red', 'photo']));
      expect(ids[4]).toBe(tokenizer.convert_tokens_to_ids('<|endoftext|>'));

      const unknown = tokenizer('Zyzzyva');
      expect(Number((unknown.input_ids.data as BigInt64Array)[1])).toBe(
        tokenizer.convert_tokens_to_ids('[UNK]'),
      );

      const { text_embeds } = await model(single);
      expect(text_embeds.dims).toEqual([1, EMBEDDING_DIM]);

      // Padding must not change an embedding: the masked mean ignores padded positions.
      const batch = tokenizer(['a red photo', 'a photo of a dog on the beach at night'], {
        padding: true,
        truncation: true,
      });
      expect(batch.input_ids.dims[0]).toBe(2);
      const batched = await model(batch);
      expect(batched.text_embeds.dims).toEqual([2, EMBEDDING_DIM]);
      const paddedRow = rowOf(batched.text_embeds, 0);
      const unpaddedRow = rowOf(text_embeds, 0);
      paddedRow.forEach((value, i) => expect(value).toBeCloseTo(unpaddedRow[i]!, 5));
    } finally {
      await model.dispose();
    }
  });

  it('makes each colour word point at solid images of that colour', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(FIXTURE_DIR, LOAD_OPTIONS);
    const textModel = await CLIPTextModelWithProjection.from_pretrained(FIXTURE_DIR, LOAD_OPTIONS);
    const visionModel = await CLIPVisionModelWithProjection.from_pretrained(FIXTURE_DIR, LOAD_OPTIONS);
    try {
      const colours = Object.keys(COLOUR_WORDS);
      const { text_embeds } = await textModel(tokenizer(colours, { padding: true, truncation: true }));
      const imageEmbeddings: Float32Array[] = [];
      for (const colour of colours) {
        const { image_embeds } = await visionModel({
          pixel_values: makeSolidColourPixels(COLOUR_WORDS[colour]!),
        });
        imageEmbeddings.push(rowOf(image_embeds, 0));
      }
      colours.forEach((colour, i) => {
        const similarities = imageEmbeddings.map((image) => cosineSimilarity(rowOf(text_embeds, i), image));
        expect(similarities[i], colour).toBeCloseTo(1, 4);
        const bestMatch = similarities.indexOf(Math.max(...similarities));
        expect(colours[bestMatch], `"${colour}" should rank its own colour first`).toBe(colour);
      });
    } finally {
      await textModel.dispose();
      await visionModel.dispose();
    }
  });

  it('loads AutoProcessor and AutoImageProcessor, which turn a real image into [1,3,224,224]', async () => {
    const processor = await AutoProcessor.from_pretrained(FIXTURE_DIR, LOAD_OPTIONS);
    const imageProcessor = await AutoImageProcessor.from_pretrained(FIXTURE_DIR, LOAD_OPTIONS);

    // A 320x240 solid red RGB image: after resize, crop, rescale and normalise every pixel is the red value.
    const width = 320;
    const height = 240;
    const rgb = new Uint8ClampedArray(width * height * 3);
    for (let i = 0; i < rgb.length; i += 3) rgb[i] = 255;
    const image = new RawImage(rgb, width, height, 3);

    const fromProcessor = await processor(image);
    const fromImageProcessor = await imageProcessor(image);
    expect(fromProcessor.pixel_values.dims).toEqual([1, 3, 224, 224]);
    expect(fromImageProcessor.pixel_values.dims).toEqual([1, 3, 224, 224]);

    const expected = normalizeRgb([255, 0, 0]);
    const data = fromProcessor.pixel_values.data as Float32Array;
    const plane = 224 * 224;
    for (let c = 0; c < 3; c++) {
      expect(data[c * plane + 112 * 224 + 112]).toBeCloseTo(expected[c]!, 4);
    }
  });
});
