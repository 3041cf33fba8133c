import type { Alignment } from './imageAlignment';

type Side = 'left' | 'right' | 'top' | 'bottom';

/**
 * How the two photos were lined up, in a photographer's words: "aligned as is", "aligned: cropped 8% left"
 * (this photo shows less than the reference), or "aligned: the reference is cropped 3% top". `shapesDiffer`:
 * the two are of shapes no light crop explains (a portrait beside a landscape), so "as is" means stretched.
 */
export function alignmentText(alignment: Alignment, shapesDiffer = false): string {
  const x = axisCrop(alignment.scaleX, alignment.offsetX);
  const y = axisCrop(alignment.scaleY, alignment.offsetY);
  const sides: [Side, number, boolean][] = [
    ['left', x.first, x.ofReference],
    ['right', x.second, x.ofReference],
    ['top', y.first, y.ofReference],
    ['bottom', y.second, y.ofReference],
  ];
  const words = (ofReference: boolean) =>
    sides
      .filter(([, share, reference]) => reference === ofReference && Math.round(share * 100) > 0)
      .map(([side, share]) => `${Math.round(share * 100)}% ${side}`)
      .join(', ');
  const own = words(false);
  const reference = words(true);
  if (!own && !reference)
    return shapesDiffer ? 'not aligned: the shapes differ, compared stretched' : 'aligned as is';
  const parts = [own && `cropped ${own}`, reference && `the reference is cropped ${reference}`];
  return `aligned: ${parts.filter(Boolean).join('; ')}`;
}

/** "3.2% of pixels differ", with a decimal below 10 % where a tenth still matters. */
export function differingText(fraction: number): string {
  if (fraction <= 0) return 'No pixels differ';
  const percent = fraction * 100;
  const shown = percent < 0.1 ? '< 0.1' : percent < 10 ? percent.toFixed(1) : String(Math.round(percent));
  return `${shown}% of pixels differ`;
}

/** What one axis lost: the two sides' shares, of this photo's frame or (scale > 1) of the reference's. */
function axisCrop(scale: number, offset: number): { first: number; second: number; ofReference: boolean } {
  if (scale <= 1)
    return { first: Math.max(0, offset), second: Math.max(0, 1 - offset - scale), ofReference: false };
  const start = -offset / scale;
  const kept = 1 / scale;
  return { first: Math.max(0, start), second: Math.max(0, 1 - start - kept), ofReference: true };
}
