import { useEffect, useRef, useState, type CSSProperties } from 'react';
import {
  actualSizeZoom,
  imagePlacement,
  panBy,
  zoomTo,
  type PaneGeometry,
  type SharedView,
  type Size,
} from '../compare/syncedView';
import type { DifferenceOverlay } from '../hooks/useDifferenceOverlays';
import { useDragOrClick, useElementSize, useWheelZoom } from '../hooks/useViewportGestures';
import { DifferenceCanvas } from './DifferenceCanvas';
import { FullSizeImage } from './FullSizeImage';

export interface ComparePhoto {
  path: string;
  title: string;
  detail?: string;
  badge?: string;
  /** The size the library recorded: the shape to show until the photo itself has loaded. */
  width: number;
  height: number;
  /** The computer it lives on, when it is another computer's (a shared index). */
  machine?: string;
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
  const viewportRef = useRef<HTMLDivElement>(null);
  const viewport = useElementSize(viewportRef);
  const [loaded, setLoaded] = useState<{ path: string; size: Size } | null>(null);
  const natural = loaded?.path === photo.path ? loaded.size : { width: photo.width, height: photo.height };
  const geometry: PaneGeometry = { viewport, natural };

  useEffect(() => {
    onGeometry(geometry);
  });

  useWheelZoom(viewportRef, (factor, pointer) =>
    onViewChange((current) => zoomTo(current, current.zoom * factor, geometry, pointer)),
  );

  const pointerHandlers = useDragOrClick({
    onDrag: (dx, dy) => onViewChange((shared) => panBy(shared, dx, dy, geometry)),
    // A click toggles between the whole photos and this one at 100 % at the clicked spot.
    onClick: (pointer) =>
      onViewChange((shared) =>
        shared.zoom === 1
          ? zoomTo(shared, actualSizeZoom(geometry), geometry, pointer)
          : zoomTo(shared, 1, geometry),
      ),
  });

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
        <FullSizeImage
          key={photo.path}
          path={photo.path}
          title={photo.title}
          className="compare-pane__image"
          style={placed}
          testId="compare-image"
          onNaturalSize={(size) => setLoaded({ path: photo.path, size })}
          machine={photo.machine}
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
