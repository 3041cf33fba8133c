import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';
import type { Point, Size } from '../compare/syncedView';
import { useLatestRef } from './useLatestRef';

/** Movement beyond this many pixels is a pan, not a click. */
const dragSlop = 4;

/** How much one pixel of wheel travel zooms: a notch of about 100 px is a step of about 16 %. */
const wheelZoomRate = 0.0015;

/** The element's inner size, kept current as it resizes (zero until it is laid out). */
export function useElementSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * Calls `onZoom` with the factor to scale by and the pointer's position inside the element on each wheel
 * turn over it. The latest `onZoom` is called, so the listener need not be added again on every render.
 */
export function useWheelZoom(
  ref: RefObject<HTMLElement | null>,
  onZoom: (factor: number, pointer: Point) => void,
): void {
  const latestOnZoom = useLatestRef(onZoom);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // A native listener: React's wheel handlers are passive and cannot keep the page from scrolling.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      latestOnZoom.current(Math.exp(-event.deltaY * wheelZoomRate), {
        x: event.clientX - box.left,
        y: event.clientY - box.top,
      });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [ref, latestOnZoom]);
}

export interface DragOrClick {
  /** Each move of a drag, in screen pixels since the last one. */
  onDrag: (dx: number, dy: number) => void;
  /** A press and release that did not move: the pointer's position inside the element. */
  onClick: (pointer: Point) => void;
}

export interface PointerHandlers {
  onPointerDown: (event: PointerEvent<HTMLElement>) => void;
  onPointerMove: (event: PointerEvent<HTMLElement>) => void;
  onPointerUp: (event: PointerEvent<HTMLElement>) => void;
}

/** Pointer handlers that tell a drag (a pan) from a click (a zoom toggle) by how far the pointer moved. */
export function useDragOrClick({ onDrag, onClick }: DragOrClick): PointerHandlers {
  const drag = useRef<{ start: Point; last: Point; moved: boolean } | null>(null);
  return {
    onPointerDown: (event) => {
      if (event.button !== 0) return;
      event.currentTarget.setPointerCapture?.(event.pointerId);
      const point = { x: event.clientX, y: event.clientY };
      drag.current = { start: point, last: point, moved: false };
    },
    onPointerMove: (event) => {
      const current = drag.current;
      if (!current) return;
      const point = { x: event.clientX, y: event.clientY };
      if (Math.hypot(point.x - current.start.x, point.y - current.start.y) > dragSlop) current.moved = true;
      if (current.moved) onDrag(point.x - current.last.x, point.y - current.last.y);
      current.last = point;
    },
    onPointerUp: (event) => {
      const current = drag.current;
      drag.current = null;
      if (!current || current.moved) return;
      const box = event.currentTarget.getBoundingClientRect();
      onClick({ x: event.clientX - box.left, y: event.clientY - box.top });
    },
  };
}
