import { useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';
import { useScrollAnchor } from '../hooks/useScrollAnchor';
import { scrollRowIntoView, useVirtualRows } from '../hooks/useVirtualRows';

export interface VirtualListHandle {
  scrollToRow: (index: number) => void;
}

export interface VirtualListProps {
  rowCount: number;
  rowHeight: number;
  label: string;
  rowKey: (index: number) => string;
  renderRow: (index: number) => ReactNode;
  testId?: string;
  ref?: Ref<VirtualListHandle>;
}

/**
 * Fixed-height rows in a scroll container; only the rows in view exist in the DOM. Rows that arrive or leave
 * above the one at the top of the view (a live list) do not move it: the list keeps the user's place.
 */
export function VirtualList({
  rowCount,
  rowHeight,
  label,
  rowKey,
  renderRow,
  testId,
  ref,
}: VirtualListProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { first, last, totalHeight, onScroll } = useVirtualRows(containerRef, rowCount, rowHeight);
  const keepPlace = useScrollAnchor(containerRef, rowCount, rowHeight, rowKey);
  useImperativeHandle(ref, () => ({
    scrollToRow: (index) => {
      if (containerRef.current) scrollRowIntoView(containerRef.current, index, rowHeight);
    },
  }));

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <div
        key={rowKey(index)}
        className="virtual-list__row"
        role="listitem"
        aria-setsize={rowCount}
        aria-posinset={index + 1}
        style={{ top: index * rowHeight, height: rowHeight }}
      >
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div
      className="virtual-list"
      ref={containerRef}
      onScroll={(event) => {
        onScroll(event);
        keepPlace();
      }}
      data-testid={testId}
    >
      <div className="virtual-list__content" role="list" aria-label={label} style={{ height: totalHeight }}>
        {rows}
      </div>
    </div>
  );
}
