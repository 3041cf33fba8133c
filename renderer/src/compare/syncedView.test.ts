import { describe, expect, it } from 'vitest';
import { actualSizeZoom, fitView, imagePlacement, panBy, zoomTo, type PaneGeometry } from './syncedView';

const viewport = { width: 400, height: 300 };
const original: PaneGeometry = { viewport, natural: { width: 4000, height: 3000 } };
const halfSize: PaneGeometry = { viewport, natural: { width: 2000, height: 1500 } };

describe('the shared view', () => {
  it('fits each whole photo, a smaller copy enlarged to the same size on screen', () => {
    const expected = { width: 400, height: 300, left: 0, top: 0 };
    expect(imagePlacement(fitView, original)).toEqual(expected);
    expect(imagePlacement(fitView, halfSize)).toEqual(expected);
  });

  it('zooms around the pointer: the photo point under it stays put, in every pane alike', () => {
    const pointer = { x: 100, y: 75 };
    const zoomed = zoomTo(fitView, 4, original, pointer);
    const placed = imagePlacement(zoomed, original);
    expect(placed.width).toBe(1600);
    // The point at a quarter across and down was under the pointer, and still is.
    expect(placed.left + 0.25 * placed.width).toBeCloseTo(100, 6);
    expect(placed.top + 0.25 * placed.height).toBeCloseTo(75, 6);
    expect(imagePlacement(zoomed, halfSize)).toEqual(placed);
  });

  it('pans with a drag, never past an edge', () => {
    const zoomed = zoomTo(fitView, 2, original);
    const moved = panBy(zoomed, -100, 0, original);
    expect(imagePlacement(moved, original).left).toBeCloseTo(-300, 6);
    const pastTheEdge = panBy(moved, -10_000, -10_000, original);
    const placed = imagePlacement(pastTheEdge, original);
    expect(placed.left + placed.width).toBeCloseTo(viewport.width, 6);
    expect(placed.top + placed.height).toBeCloseTo(viewport.height, 6);
  });

  it('reaches 100 % of a photo and stops at 8 screen pixels per photo pixel', () => {
    expect(actualSizeZoom(original)).toBe(10);
    expect(imagePlacement(zoomTo(fitView, actualSizeZoom(original), original), original).width).toBe(4000);
    expect(imagePlacement(zoomTo(fitView, 1e6, original), original).width).toBe(32_000);
    // A photo smaller than its pane may go down to 100 %, below fit.
    const small: PaneGeometry = { viewport, natural: { width: 200, height: 150 } };
    expect(imagePlacement(zoomTo(fitView, 0.01, small), small).width).toBe(200);
  });
});
