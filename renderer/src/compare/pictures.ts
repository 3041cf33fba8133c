/** An RGBA picture laid out like the DOM's ImageData: 4 bytes per pixel, rows top to bottom. */
export interface RgbaPicture {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

/** One channel per pixel, 0 (black) to 1 (white). */
export interface GreyPicture {
  readonly width: number;
  readonly height: number;
  readonly values: Float32Array;
}

/** Luma (Rec. 601 weights), the brightness a viewer sees; enough to line two photos up. */
export function toGrey(picture: RgbaPicture): GreyPicture {
  const { width, height, data } = picture;
  const values = new Float32Array(width * height);
  for (let at = 0; at < values.length; at++) {
    const byte = at * 4;
    values[at] = (0.299 * data[byte]! + 0.587 * data[byte + 1]! + 0.114 * data[byte + 2]!) / 255;
  }
  return { width, height, values };
}

/**
 * The picture shrunk so that its long side is at most `longSide`, each new pixel the average of the area it
 * covers: a small, smooth version for a quick search, free of the aliasing that skipping pixels would add.
 */
export function shrinkGrey(picture: GreyPicture, longSide: number): GreyPicture {
  const factor = Math.max(picture.width, picture.height) / longSide;
  if (factor <= 1) return picture;
  const width = Math.max(1, Math.round(picture.width / factor));
  const height = Math.max(1, Math.round(picture.height / factor));
  const sums = new Float32Array(width * height);
  const counts = new Float32Array(width * height);
  for (let y = 0; y < picture.height; y++) {
    const row = Math.min(height - 1, Math.floor((y * height) / picture.height)) * width;
    for (let x = 0; x < picture.width; x++) {
      const at = row + Math.min(width - 1, Math.floor((x * width) / picture.width));
      sums[at]! += picture.values[y * picture.width + x]!;
      counts[at]! += 1;
    }
  }
  for (let at = 0; at < sums.length; at++) sums[at] = sums[at]! / counts[at]!;
  return { width, height, values: sums };
}

/** The four pixels around a point in pixel units (pixel centres at .5), held at the border, and its weights. */
export interface BilinearCorners {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** How far the point lies from x0 towards x1 (0 to 1). */
  tx: number;
  /** How far the point lies from y0 towards y1 (0 to 1). */
  ty: number;
}

export function bilinearCorners(width: number, height: number, x: number, y: number): BilinearCorners {
  const fx = Math.min(width - 1, Math.max(0, x - 0.5));
  const fy = Math.min(height - 1, Math.max(0, y - 0.5));
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  return {
    x0,
    y0,
    x1: Math.min(width - 1, x0 + 1),
    y1: Math.min(height - 1, y0 + 1),
    tx: fx - x0,
    ty: fy - y0,
  };
}

/**
 * The value at a point given in pixel units (pixel centres at .5), bilinear between the four nearest pixels
 * and held at the border.
 */
export function sampleGrey(picture: GreyPicture, x: number, y: number): number {
  const { width, values } = picture;
  const { x0, y0, x1, y1, tx, ty } = bilinearCorners(width, picture.height, x, y);
  const top = values[y0 * width + x0]! * (1 - tx) + values[y0 * width + x1]! * tx;
  const bottom = values[y1 * width + x0]! * (1 - tx) + values[y1 * width + x1]! * tx;
  return top * (1 - ty) + bottom * ty;
}
