import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type PointerEvent,
  type RefObject,
} from 'react';

export interface Size {
  width: number;
  height: number;
}

interface Point {
  x: number;
  y: number;
}

/** 'fit' shows the whole photo; a number is the scale against the photo's own pixels (1 = 100 %). */
export type Zoom = 'fit' | number;

const maxScale = 8;
/** Movement beyond this many pixels is a pan, not a click. */
const dragSlop = 4;

export interface ZoomPan {
  scale: number;
  isFit: boolean;
  imageStyle: { width: number; height: number; left: number; top: number };
  setNaturalSize: (size: Size) => void;
  fit: () => void;
  actualSize: () => void;
  pointerHandlers: {
    onPointerDown: (event: PointerEvent<HTMLElement>) => void;
    onPointerMove: (event: PointerEvent<HTMLElement>) => void;
    onPointerUp: (event: PointerEvent<HTMLElement>) => void;
  };
}

/**
 * Zoom and pan for the full-size viewer. The view is kept as a zoom plus a centre in relative image coordinates,
 * so flipping to another photo of the group shows the same spot at the same pixel scale: that is how a
 * photographer compares sharpness between near-identical frames.
 */
export function useZoomPan(viewportRef: RefObject<HTMLElement | null>): ZoomPan {
  const [viewport, setViewport] = useState<Size>({ width: 0, height: 0 });
  const [natural, setNatural] = useState<Size>({ width: 0, height: 0 });
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [center, setCenter] = useState<Point>({ x: 0.5, y: 0.5 });
  const drag = useRef<{ start: Point; last: Point; moved: boolean } | null>(null);

  useLayoutEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const measure = () => setViewport({ width: element.clientWidth, height: element.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [viewportRef]);

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

  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    // A native listener: React's wheel handlers are passive and cannot stop the page from scrolling.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      zoomAt(scale * Math.exp(-event.deltaY * 0.0015), {
        x: event.clientX - box.left,
        y: event.clientY - box.top,
      });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [viewportRef, zoomAt, scale]);

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
      if (current.moved && shown.width && shown.height) {
        const dx = (point.x - current.last.x) / shown.width;
        const dy = (point.y - current.last.y) / shown.height;
        setCenter({ x: clamped.x - dx, y: clamped.y - dy });
      }
      current.last = point;
    },
    onPointerUp: (event: PointerEvent<HTMLElement>) => {
      const current = drag.current;
      drag.current = null;
      if (!current || current.moved) return;
      // A click toggles between the whole photo and 100 % at the clicked spot.
      if (zoom === 'fit' && fitScale < 1) {
        const box = event.currentTarget.getBoundingClientRect();
        zoomAt(1, { x: event.clientX - box.left, y: event.clientY - box.top });
      } else {
        setZoom('fit');
      }
    },
  };

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

/** An image larger than the viewport may not be panned past its edges; a smaller one stays centred. */
function clampCenter(center: Point, shown: Size, viewport: Size): Point {
  const axis = (value: number, shownLength: number, viewportLength: number) => {
    if (!shownLength || shownLength <= viewportLength) return 0.5;
    const margin = viewportLength / 2 / shownLength;
    return Math.max(margin, Math.min(1 - margin, value));
  };
  return { x: axis(center.x, shown.width, viewport.width), y: axis(center.y, shown.height, viewport.height) };
}
