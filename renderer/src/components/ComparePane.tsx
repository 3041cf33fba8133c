import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type PointerEvent } from 'react';
import { mediaUrl } from '../../../shared/contract';
import {
  actualSizeZoom,
  imagePlacement,
  panBy,
  zoomTo,
  type PaneGeometry,
  type SharedView,
  type Size,
} from '../compare/syncedView';
import { useEngine } from '../hooks/useEngine';
import type { DifferenceOverlay } from '../hooks/useDifferenceOverlays';
import { useLatestRef } from '../hooks/useLatestRef';
import { DifferenceCanvas } from './DifferenceCanvas';

export interface ComparePhoto {
  path: string;
  title: string;
  detail?: string;
  badge?: string;
  /** The size the library recorded: the shape to show until the photo itself has loaded. */
  width: number;
  height: number;
}

export type ViewUpdate = (update: (view: SharedView) => SharedView) => void;

export interface ComparePaneProps {
  photo: ComparePhoto;
  /** "A", "B", … : how the flip, the picker and the readouts name this photo. */
  letter: string;
  view: SharedView;
  onViewChange: ViewUpdate;
  /** Reports this pane's geometry, so the keyboard can zoom the shared view by it. */
  onGeometry: (geometry: PaneGeometry) => void;
  /** The difference overlay when it is on: null for the reference itself. */
  overlay: DifferenceOverlay | null | undefined;
  referenceLetter: string;
}

/** Movement beyond this many pixels is a pan, not a click. */
const dragSlop = 4;

/**
 * One photo of the compare view. The wheel, a drag or a click in any pane changes the view every pane
 * shares, so all of them zoom and pan together; the difference overlay lies exactly over the photo.
 */
export function ComparePane({
  photo,
  letter,
  view,
  onViewChange,
  onGeometry,
  overlay,
  referenceLetter,
}: ComparePaneProps) {
  const { mediaBase } = useEngine();
  const viewportRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Size>({ width: 0, height: 0 });
  const [loaded, setLoaded] = useState<{ path: string; size: Size } | null>(null);
  const natural = loaded?.path === photo.path ? loaded.size : { width: photo.width, height: photo.height };
  const geometry: PaneGeometry = { viewport, natural };
  const latestGeometry = useLatestRef(geometry);
  const drag = useRef<{
    start: { x: number; y: number };
    last: { x: number; y: number };
    moved: boolean;
  } | null>(null);

  useLayoutEffect(() => {
    const element = viewportRef.current!;
    const measure = () => setViewport({ width: element.clientWidth, height: element.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    onGeometry(geometry);
  });

  useEffect(() => {
    const element = viewportRef.current!;
    // A native listener: React's wheel handlers are passive and cannot keep the page from scrolling.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      const pointer = { x: event.clientX - box.left, y: event.clientY - box.top };
      const pane = latestGeometry.current;
      onViewChange((current) =>
        zoomTo(current, current.zoom * Math.exp(-event.deltaY * 0.0015), pane, pointer),
      );
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [latestGeometry, onViewChange]);

  const pointerHandlers = {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (event.button !== 0) return;
      event.currentTarget.setPointerCapture?.(event.pointerId);
      const point = { x: event.clientX, y: event.clientY };
      drag.current = { start: point, last: point, moved: false };
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      const current = drag.current;
      if (!current) return;
      const point = { x: event.clientX, y: event.clientY };
      if (Math.hypot(point.x - current.start.x, point.y - current.start.y) > dragSlop) current.moved = true;
      if (current.moved) {
        const dx = point.x - current.last.x;
        const dy = point.y - current.last.y;
        onViewChange((shared) => panBy(shared, dx, dy, geometry));
      }
      current.last = point;
    },
    onPointerUp: (event: PointerEvent<HTMLElement>) => {
      const current = drag.current;
      drag.current = null;
      if (!current || current.moved) return;
      // A click toggles between the whole photos and this one at 100 % at the clicked spot.
      const box = event.currentTarget.getBoundingClientRect();
      const pointer = { x: event.clientX - box.left, y: event.clientY - box.top };
      onViewChange((shared) =>
        shared.zoom === 1
          ? zoomTo(shared, actualSizeZoom(geometry), geometry, pointer)
          : zoomTo(shared, 1, geometry),
      );
    },
  };

  const placement = imagePlacement(view, geometry);
  const placed: CSSProperties = placement;
  const pixelated = natural.width > 0 && placement.width / natural.width > 1.5;
  return (
    <figure className="compare-pane" data-testid="compare-pane" data-path={photo.path} data-letter={letter}>
      <figcaption className="compare-pane__caption">
        <span className="compare-pane__letter">{letter}</span>
        {photo.badge && <span className="badge badge--keeper">{photo.badge}</span>}
        <span className="compare-pane__title" title={photo.path}>
          {photo.title}
        </span>
        {photo.detail && <span className="compare-pane__detail">{photo.detail}</span>}
        {overlay !== undefined && (
          <span className="compare-pane__readout" data-testid="difference-readout">
            {readoutText(overlay, letter, referenceLetter)}
          </span>
        )}
      </figcaption>
      <div
        className={`compare-pane__viewport${view.zoom === 1 ? '' : ' is-zoomed'}${pixelated ? ' is-pixel' : ''}`}
        ref={viewportRef}
        {...pointerHandlers}
      >
        <img
          key={photo.path}
          className="compare-pane__image"
          src={mediaUrl(mediaBase, 'fullImage', photo.path)}
          alt={photo.title}
          draggable={false}
          style={placed}
          data-testid="compare-image"
          onLoad={(event) =>
            setLoaded({
              path: photo.path,
              size: { width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight },
            })
          }
        />
        {overlay?.status === 'ready' && <DifferenceCanvas map={overlay.map} style={placed} />}
      </div>
    </figure>
  );
}

function readoutText(overlay: DifferenceOverlay | null, letter: string, referenceLetter: string): string {
  if (!overlay) return `Reference: the others are compared with ${letter}`;
  if (overlay.status === 'working') return `Comparing with ${referenceLetter}…`;
  if (overlay.status === 'failed') return overlay.message;
  return `${overlay.summary} from ${referenceLetter} · ${overlay.alignment}`;
}
