import { useCallback, useLayoutEffect, useState, type RefObject, type UIEvent } from 'react';

export interface VirtualRows {
  first: number;
  /** One past the last row to render. */
  last: number;
  totalHeight: number;
  onScroll: (event: UIEvent<HTMLElement>) => void;
}

/** Before layout (and in DOM-less tests) the viewport has no height yet; assume a typical window. */
const fallbackViewportHeight = 900;

/**
 * Fixed-height windowing: only the rows in view (plus a few either side) are in the DOM, so ten thousand groups
 * scroll as smoothly as ten.
 */
export function useVirtualRows(
  containerRef: RefObject<HTMLElement | null>,
  rowCount: number,
  rowHeight: number,
  overscan = 3,
): VirtualRows {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(fallbackViewportHeight);

  useLayoutEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const measure = () => setViewportHeight(element.clientHeight || fallbackViewportHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [containerRef]);

  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => setScrollTop(event.currentTarget.scrollTop),
    [],
  );

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last, totalHeight: rowCount * rowHeight, onScroll };
}

/** Scrolls the least needed to bring a row fully into view. */
export function scrollRowIntoView(container: HTMLElement, index: number, rowHeight: number): void {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < container.scrollTop) container.scrollTop = top;
  else if (bottom > container.scrollTop + container.clientHeight)
    container.scrollTop = bottom - container.clientHeight;
}
