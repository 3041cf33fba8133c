import { useCallback, useState, type RefObject } from 'react';
import { clampCenter, type Point, type Size } from '../compare/syncedView';
import { useDragOrClick, useElementSize, useWheelZoom, type PointerHandlers } from './useViewportGestures';

/** 'fit' shows the whole photo; a number is the scale against the photo's own pixels (1 = 100 %). */
export type Zoom = 'fit' | number;

const maxScale = 8;

export interface ZoomPan {
  scale: number;
  isFit: boolean;
  imageStyle: { width: number; height: number; left: number; top: number };
  setNaturalSize: (size: Size) => void;
  fit: () => void;
  actualSize: () => void;
  pointerHandlers: PointerHandlers;
}

/**
 * Zoom and pan for the full-size viewer. The view is kept as a zoom plus a centre in relative image coordinates,
 * so flipping to another photo of the group shows the same spot at the same pixel scale: that is how a
 * photographer compares sharpness between near-identical frames.
 */
export function useZoomPan(viewportRef: RefObject<HTMLElement | null>): ZoomPan {
  const viewport = useElementSize(viewportRef);
  const [natural, setNatural] = useState<Size>({ width: 0, height: 0 });
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [center, setCenter] = useState<Point>({ x: 0.5, y: 0.5 });

  const fitScale =
    natural.width && natural.height && viewport.width && viewport.height
      ? Math.min(viewport.width / natural.width, viewport.height / natural.height, 1)
      : 1;
  const scale = zoom === 'fit' ? fitScale : Math.max(fitScale, Math.min(maxScale, zoom));
  const shown = { width: natural.width * scale, height: natural.height * scale };
  const clamped = clampCenter(center, shown, viewport);

  const imageStyle = {
    width: shown.width,
    height: shown.height,
    left: viewport.width / 2 - clamped.x * shown.width,
    top: viewport.height / 2 - clamped.y * shown.height,
  };

  /** The relative image point under a pointer position inside the viewport. */
  const imagePointAt = useCallback(
    (pointer: Point): Point => ({
      x: shown.width ? (pointer.x - imageStyle.left) / shown.width : 0.5,
      y: shown.height ? (pointer.y - imageStyle.top) / shown.height : 0.5,
    }),
    [shown.width, shown.height, imageStyle.left, imageStyle.top],
  );

  const zoomAt = useCallback(
    (nextScale: number, pointer: Point) => {
      const target = Math.max(fitScale, Math.min(maxScale, nextScale));
      const point = imagePointAt(pointer);
      // Keep the point under the pointer where it is while the scale changes around it.
      setCenter({
        x: point.x - (pointer.x - viewport.width / 2) / (natural.width * target || 1),
        y: point.y - (pointer.y - viewport.height / 2) / (natural.height * target || 1),
      });
      setZoom(target <= fitScale ? 'fit' : target);
    },
    [fitScale, imagePointAt, viewport.width, viewport.height, natural.width, natural.height],
  );

  useWheelZoom(viewportRef, (factor, pointer) => zoomAt(scale * factor, pointer));

  const pointerHandlers = useDragOrClick({
    onDrag: (dx, dy) => {
      if (shown.width && shown.height)
        setCenter({ x: clamped.x - dx / shown.width, y: clamped.y - dy / shown.height });
    },
    // A click toggles between the whole photo and 100 % at the clicked spot.
    onClick: (pointer) => (zoom === 'fit' && fitScale < 1 ? zoomAt(1, pointer) : setZoom('fit')),
  });

  return {
    scale,
    isFit: zoom === 'fit',
    imageStyle,
    setNaturalSize: setNatural,
    fit: () => setZoom('fit'),
    actualSize: () => setZoom(1),
    pointerHandlers,
  };
}
