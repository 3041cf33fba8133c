import type { DecodedPhoto } from '../image/decode-photo';

/** What the model's preprocessor_config.json asks for, reduced to what the fast path needs. */
export interface ClipPreprocessing {
  shortSide: number;
  cropWidth: number;
  cropHeight: number;
  rescale: number;
  mean: [number, number, number];
  std: [number, number, number];
}

type SizeSetting = number | { shortest_edge?: number; height?: number; width?: number } | undefined;

/** Read the preprocessing settings from a transformers.js image processor's config object. */
export function preprocessingFromConfig(config: Record<string, unknown>): ClipPreprocessing {
  const size = config.size as SizeSetting;
  const crop = config.crop_size as SizeSetting;
  const shortSide =
    typeof size === 'number'
      ? size
      : (size?.shortest_edge ?? Math.min(size?.height ?? Infinity, size?.width ?? Infinity));
  if (!Number.isFinite(shortSide) || shortSide <= 0) {
    throw new Error('the model preprocessor_config.json has no usable "size"');
  }
  const cropWidth = typeof crop === 'number' ? crop : (crop?.width ?? shortSide);
  const cropHeight = typeof crop === 'number' ? crop : (crop?.height ?? shortSide);
  const doNormalize = config.do_normalize !== false;
  const mean = (doNormalize ? config.image_mean : [0, 0, 0]) as number[] | undefined;
  const std = (doNormalize ? config.image_std : [1, 1, 1]) as number[] | undefined;
  return {
    shortSide,
    cropWidth,
    cropHeight,
    rescale: config.do_rescale === false ? 1 : ((config.rescale_factor as number | undefined) ?? 1 / 255),
    mean: tripleOf(mean, 'image_mean'),
    std: tripleOf(std, 'image_std'),
  };
}

function tripleOf(values: number[] | undefined, name: string): [number, number, number] {
  if (!values || values.length < 1) throw new Error(`the model preprocessor_config.json lacks ${name}`);
  const [a, b = a, c = a] = values as [number, number?, number?];
  return [a, b, c];
}

/**
 * Write one photo into a batch's `pixel_values` (NCHW float32) at `slot`: centre crop of the decoder's
 * shortest-side resize, rescaled and normalised with the model's mean and std.
 */
export function writePixelValues(
  photo: DecodedPhoto,
  settings: ClipPreprocessing,
  target: Float32Array,
  slot: number,
): void {
  const { cropWidth, cropHeight, rescale, mean, std } = settings;
  const left = Math.floor((photo.rgbWidth - cropWidth) / 2);
  const top = Math.floor((photo.rgbHeight - cropHeight) / 2);
  if (left < 0 || top < 0) throw new Error('decoded photo is smaller than the model crop');
  const plane = cropWidth * cropHeight;
  const base = slot * 3 * plane;
  const scale = [rescale / std[0], rescale / std[1], rescale / std[2]];
  const shift = [mean[0] / std[0], mean[1] / std[1], mean[2] / std[2]];
  for (let y = 0; y < cropHeight; y++) {
    const sourceRow = ((top + y) * photo.rgbWidth + left) * 3;
    const targetRow = base + y * cropWidth;
    for (let x = 0; x < cropWidth; x++) {
      const p = sourceRow + x * 3;
      target[targetRow + x] = photo.rgb[p]! * scale[0]! - shift[0]!;
      target[targetRow + plane + x] = photo.rgb[p + 1]! * scale[1]! - shift[1]!;
      target[targetRow + 2 * plane + x] = photo.rgb[p + 2]! * scale[2]! - shift[2]!;
    }
  }
}
