export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * One view shared by every pane of the compare view: a zoom as a multiple of "fit" (1 shows each whole photo)
 * and the point of the photo in the middle, relative (0 to 1 across the photo). Relative, not in pixels, so a
 * half-size copy beside its original shows the same spot at the same size on screen: what comparing needs.
 */
export interface SharedView {
  zoom: number;
  center: Point;
}

export const fitView: SharedView = { zoom: 1, center: { x: 0.5, y: 0.5 } };

/** One pane: its box on screen and its photo's own pixel size (zero until the photo has loaded). */
export interface PaneGeometry {
  viewport: Size;
  natural: Size;
}

export interface Placement {
  width: number;
  height: number;
  left: number;
  top: number;
}

/** The most a pane may enlarge: this many screen pixels per photo pixel. */
const maxPixelScale = 8;

/** The scale at which the whole photo fits its pane; a small photo is enlarged, to sit the size of its peers. */
export function fitScale(pane: PaneGeometry): number {
  const { viewport, natural } = pane;
  if (!natural.width || !natural.height || !viewport.width || !viewport.height) return 0;
  return Math.min(viewport.width / natural.width, viewport.height / natural.height);
}

/** The zoom that shows this pane's photo at 100 % (one photo pixel per screen pixel). */
export function actualSizeZoom(pane: PaneGeometry): number {
  const scale = fitScale(pane);
  return scale ? 1 / scale : 1;
}

/** The zoom range: from the smaller of fit and 100 %, up to 8 screen pixels per photo pixel. */
export function zoomLimits(pane: PaneGeometry): { min: number; max: number } {
  const actual = actualSizeZoom(pane);
  return { min: Math.min(1, actual), max: Math.max(1, actual * maxPixelScale) };
}

/** Where the photo sits in its pane under the shared view, the centre held so no edge comes inside. */
export function imagePlacement(view: SharedView, pane: PaneGeometry): Placement {
  const scale = fitScale(pane) * view.zoom;
  const width = pane.natural.width * scale;
  const height = pane.natural.height * scale;
  const center = clampCenter(view.center, { width, height }, pane.viewport);
  return {
    width,
    height,
    left: pane.viewport.width / 2 - center.x * width,
    top: pane.viewport.height / 2 - center.y * height,
  };
}

/**
 * The view at `zoom`, with the photo point under `pointer` (a position in the pane; its middle when omitted)
 * kept where it is, as a wheel zoom should.
 */
export function zoomTo(view: SharedView, zoom: number, pane: PaneGeometry, pointer?: Point): SharedView {
  const limits = zoomLimits(pane);
  const target = Math.max(limits.min, Math.min(limits.max, zoom));
  const at = pointer ?? { x: pane.viewport.width / 2, y: pane.viewport.height / 2 };
  const before = imagePlacement(view, pane);
  if (!before.width || !before.height) return { ...view, zoom: target };
  const point = { x: (at.x - before.left) / before.width, y: (at.y - before.top) / before.height };
  const scale = fitScale(pane) * target;
  const center = {
    x: point.x - (at.x - pane.viewport.width / 2) / (pane.natural.width * scale),
    y: point.y - (at.y - pane.viewport.height / 2) / (pane.natural.height * scale),
  };
  return settle({ zoom: target, center }, pane);
}

/** The view moved with the photo by a drag of (dx, dy) screen pixels. */
export function panBy(view: SharedView, dx: number, dy: number, pane: PaneGeometry): SharedView {
  const placement = imagePlacement(view, pane);
  if (!placement.width || !placement.height) return view;
  const center = clampCenter(view.center, placement, pane.viewport);
  return settle(
    { zoom: view.zoom, center: { x: center.x - dx / placement.width, y: center.y - dy / placement.height } },
    pane,
  );
}

/** The view with its centre held inside what `pane` can show, so it never drifts past an edge. */
function settle(view: SharedView, pane: PaneGeometry): SharedView {
  const scale = fitScale(pane) * view.zoom;
  const shown = { width: pane.natural.width * scale, height: pane.natural.height * scale };
  return { zoom: view.zoom, center: clampCenter(view.center, shown, pane.viewport) };
}

/** A photo larger than its pane may not be panned past its edges; a smaller one stays centred. */
export function clampCenter(center: Point, shown: Size, viewport: Size): Point {
  const axis = (value: number, shownLength: number, viewportLength: number) => {
    if (!shownLength || shownLength <= viewportLength) return 0.5;
    const margin = viewportLength / 2 / shownLength;
    return Math.max(margin, Math.min(1 - margin, value));
  };
  return { x: axis(center.x, shown.width, viewport.width), y: axis(center.y, shown.height, viewport.height) };
}
