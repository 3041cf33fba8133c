import { useEffect, useRef, useState } from 'react';
import { mediaUrl } from '../../../shared/contract';
import { differenceMap, type DifferenceMap } from '../compare/differenceMap';
import { alignmentText, differingText } from '../compare/differenceText';
import { alignPictures } from '../compare/imageAlignment';
import type { RgbaPicture } from '../compare/pictures';
import { useEngine } from './useEngine';

export type DifferenceOverlay =
  | { status: 'working' }
  | { status: 'ready'; map: DifferenceMap; summary: string; alignment: string }
  | { status: 'failed'; message: string };

/**
 * The pair is compared at the smaller photo's size, at most this long side: a resized copy is not faulted
 * for the detail it never had, and the work stays a fraction of a second.
 */
const workingLongSide = 1024;

/**
 * The difference overlay of each candidate against the reference, worked out in the browser from the full
 * views (same origin in `serve`; in the desktop app the media scheme answers CORS for the app's page), one
 * pair at a time so the page keeps responding. Results are kept while the dialog is open, so turning the
 * overlay off and on again costs nothing.
 */
export function useDifferenceOverlays(
  enabled: boolean,
  referencePath: string | undefined,
  candidatePaths: readonly string[],
): ReadonlyMap<string, DifferenceOverlay> {
  const { mediaBase } = useEngine();
  const [overlays, setOverlays] = useState<ReadonlyMap<string, DifferenceOverlay>>(new Map());
  const done = useRef(new Map<string, DifferenceOverlay>());
  const images = useRef(new Map<string, Promise<HTMLImageElement>>());
  const candidatesKey = candidatePaths.join('\n');

  useEffect(() => {
    if (!enabled || !referencePath) return;
    let cancelled = false;
    const candidates = candidatesKey ? candidatesKey.split('\n') : [];
    const publish = () => {
      if (cancelled) return;
      const next = new Map<string, DifferenceOverlay>();
      for (const path of candidates)
        next.set(path, done.current.get(pairKey(referencePath, path)) ?? { status: 'working' });
      setOverlays(next);
    };
    const imageOf = (path: string) => {
      let image = images.current.get(path);
      if (!image) {
        image = loadImage(mediaUrl(mediaBase, 'fullImage', path));
        images.current.set(path, image);
      }
      return image;
    };
    const run = async () => {
      publish();
      for (const path of candidates) {
        const key = pairKey(referencePath, path);
        if (done.current.has(key)) continue;
        // Let the page paint "Comparing…" (and take a key press) before each pair's work.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled) return;
        done.current.set(key, await comparePair(await imageOf(referencePath).catch(failed), path, imageOf));
        publish();
      }
    };
    void run();
    return () => {
      cancelled = true;
    };
  }, [enabled, referencePath, candidatesKey, mediaBase]);

  return enabled ? overlays : emptyOverlays;
}

const emptyOverlays: ReadonlyMap<string, DifferenceOverlay> = new Map();

function pairKey(reference: string, candidate: string): string {
  return `${reference}\n${candidate}`;
}

const failed = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

async function comparePair(
  reference: HTMLImageElement | Error,
  candidatePath: string,
  imageOf: (path: string) => Promise<HTMLImageElement>,
): Promise<DifferenceOverlay> {
  try {
    if (reference instanceof Error) throw reference;
    const candidate = await imageOf(candidatePath);
    const longSide = Math.min(workingLongSide, longSideOf(reference), longSideOf(candidate));
    const referencePicture = drawPicture(reference, longSide);
    const candidatePicture = drawPicture(candidate, longSide);
    const { alignment } = alignPictures(referencePicture, candidatePicture);
    const map = differenceMap(referencePicture, candidatePicture, alignment);
    return {
      status: 'ready',
      map,
      summary: differingText(map.differingFraction),
      alignment: alignmentText(alignment, !sameShape(referencePicture, candidatePicture)),
    };
  } catch (error) {
    return { status: 'failed', message: failureText(error) };
  }
}

function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  // Asks for a CORS-readable copy: without it, a canvas that drew a photo from the desktop's media scheme
  // (another origin than the page) could not be read back.
  image.crossOrigin = 'anonymous';
  image.decoding = 'async';
  image.src = url;
  return image.decode().then(() => image);
}

/** Within rounding of the working sizes: photos of one shape line up with no stretch. */
function sameShape(one: RgbaPicture, other: RgbaPicture): boolean {
  return Math.abs(one.width / one.height / (other.width / other.height) - 1) < 0.02;
}

function longSideOf(image: HTMLImageElement): number {
  return Math.max(image.naturalWidth, image.naturalHeight);
}

/** The photo drawn at `longSide` (its shape kept) and read back as pixels. */
function drawPicture(image: HTMLImageElement, longSide: number): RgbaPicture {
  const factor = longSide / longSideOf(image);
  const width = Math.max(1, Math.round(image.naturalWidth * factor));
  const height = Math.max(1, Math.round(image.naturalHeight * factor));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no canvas');
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

function failureText(error: unknown): string {
  if (error instanceof DOMException && error.name === 'SecurityError')
    return 'This window may not read the photos’ pixels, so the differences cannot be shown here.';
  if (error instanceof Error && error.message === 'no canvas')
    return 'This browser cannot draw the photos to compare them.';
  return 'A photo could not be loaded to compare it: it may have changed or been moved since it was indexed.';
}
