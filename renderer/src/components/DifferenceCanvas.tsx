import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import type { DifferenceMap } from '../compare/differenceMap';

/**
 * The difference overlay, drawn at its working size and stretched by CSS over the photo it belongs to. The
 * pane's caption says in words what it shows, so the canvas itself is hidden from screen readers.
 */
export function DifferenceCanvas({ map, style }: { map: DifferenceMap; style: CSSProperties }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    context.putImageData(new ImageData(new Uint8ClampedArray(map.overlay), map.width, map.height), 0, 0);
  }, [map]);
  return (
    <canvas
      ref={canvasRef}
      className="compare-pane__overlay"
      width={map.width}
      height={map.height}
      style={style}
      aria-hidden="true"
      data-testid="difference-overlay"
    />
  );
}
