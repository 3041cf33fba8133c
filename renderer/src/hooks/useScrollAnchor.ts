import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import { useLatestRef } from './useLatestRef';

interface Anchor {
  index: number;
  key: string;
  /** How far the view's top is below the anchor row's top, in pixels. */
  offset: number;
}

/**
 * Keeps the row at the top of the view where it is when rows are inserted or removed above it (groups that
 * arrive while indexing runs): after each render, if that row moved to another index, the scroll follows it.
 * At the very top nothing is anchored, so the newest first rows come into view. Returns the scroll listener
 * that records the anchor.
 */
export function useScrollAnchor(
  containerRef: RefObject<HTMLElement | null>,
  rowCount: number,
  rowHeight: number,
  rowKey: (index: number) => string,
): () => void {
  const anchor = useRef<Anchor | null>(null);
  const latestKey = useLatestRef(rowKey);

  const record = useCallback(() => {
    const element = containerRef.current;
    if (!element || element.scrollTop <= 0 || rowCount === 0) {
      anchor.current = null;
      return;
    }
    const index = Math.min(rowCount - 1, Math.floor(element.scrollTop / rowHeight));
    anchor.current = { index, key: latestKey.current(index), offset: element.scrollTop - index * rowHeight };
  }, [containerRef, rowCount, rowHeight, latestKey]);

  useLayoutEffect(() => {
    const element = containerRef.current;
    const before = anchor.current;
    if (element && before && !(before.index < rowCount && rowKey(before.index) === before.key)) {
      const moved = findRow(rowCount, rowKey, before.key);
      // A row that is gone (trashed) leaves the scroll where it is: the next one slides into its place.
      if (moved !== null) element.scrollTop = moved * rowHeight + before.offset;
    }
    record();
  });

  return record;
}

function findRow(rowCount: number, rowKey: (index: number) => string, key: string): number | null {
  for (let index = 0; index < rowCount; index++) if (rowKey(index) === key) return index;
  return null;
}
