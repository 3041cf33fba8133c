import { realpath } from 'node:fs/promises';
import { decodePhoto, describeDecodeFailure, PhotoDecodeError } from '../image/decode-photo';
import { checkQueryPhoto } from '../image/query-photo-limit';
import { openRegularFile } from '../platform/safe-file';
import { UserError } from '../user-error';
import { writePixelValues } from './clip-preprocessing';
import type { ClipTextModel } from './clip-text-model';
import type { ClipVisionModel } from './clip-vision-model';
import { combineQueryVectors, type WeightedVector } from './query-vector';

export interface SearchQuery {
  /** The query photo's file, when the search has one. */
  imagePath?: string;
  text?: string;
  plus?: { text: string; weight?: number }[];
  minus?: { text: string; weight?: number }[];
}

/**
 * One unit vector for a photo, words, or a photo plus and minus words (rclip's combined queries), in the
 * space of the stored photo vectors. The text tower loads only when words are present.
 */
export async function embedSearchQuery(
  query: SearchQuery,
  vision: ClipVisionModel,
  textModel: () => Promise<ClipTextModel>,
): Promise<Float32Array> {
  const parts: WeightedVector[] = [];
  if (query.imagePath) parts.push({ vector: await embedPhoto(query.imagePath, vision), weight: 1 });
  const words = [
    ...(query.text ? [{ text: query.text, weight: 1 }] : []),
    ...(query.plus ?? []).map((term) => ({ text: term.text, weight: term.weight ?? 1 })),
    ...(query.minus ?? []).map((term) => ({ text: term.text, weight: -(term.weight ?? 1) })),
  ];
  if (words.length > 0) {
    const model = await textModel();
    const vectors = await model.embed(words.map((word) => word.text));
    if (vectors[0]!.length !== vision.dims) {
      throw new UserError(
        'model-mismatch',
        `The model's text part makes ${vectors[0]!.length}-number vectors but its image part ${vision.dims}: it cannot search by words.`,
      );
    }
    words.forEach((word, i) => parts.push({ vector: vectors[i]!, weight: word.weight }));
  }
  if (parts.length === 0 || parts.every((part) => part.weight <= 0)) {
    throw new UserError('empty-query', 'A search needs a photo or some words to look for.');
  }
  return combineQueryVectors(parts);
}

function missingQueryPhoto(error: NodeJS.ErrnoException): never {
  throw error.code === 'ENOENT' ? new PhotoDecodeError('the file does not exist') : error;
}

async function embedPhoto(path: string, model: ClipVisionModel): Promise<Float32Array> {
  let decoded;
  try {
    // Opened once: the size check and the decode read the same checked file, whatever the path names later.
    const file = await openRegularFile(await realpath(path).catch(missingQueryPhoto));
    try {
      await checkQueryPhoto(file);
      decoded = await decodePhoto(file, model.preprocessing.shortSide);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw new UserError('bad-image', `Cannot read the query photo: ${describeDecodeFailure(error)}`);
  }
  const { cropWidth, cropHeight } = model.preprocessing;
  const pixels = new Float32Array(3 * cropWidth * cropHeight);
  writePixelValues(decoded, model.preprocessing, pixels, 0);
  const [vector] = await model.embed(pixels, 1);
  return vector!;
}
