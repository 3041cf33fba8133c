// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Point } from '../compare/syncedView';
import { useDragOrClick, useWheelZoom } from './useViewportGestures';

afterEach(cleanup);

type Gesture = { drag: [number, number] } | { click: Point } | { zoom: number; at: Point };

function GestureProbe({ gestures }: { gestures: Gesture[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useWheelZoom(ref, (factor, at) => gestures.push({ zoom: factor, at }));
  const handlers = useDragOrClick({
    onDrag: (dx, dy) => gestures.push({ drag: [dx, dy] }),
    onClick: (pointer) => gestures.push({ click: pointer }),
  });
  return <div ref={ref} data-testid="viewport" {...handlers} />;
}

const press = (element: HTMLElement, x: number, y: number) =>
  fireEvent.pointerDown(element, { button: 0, pointerId: 1, clientX: x, clientY: y });
const move = (element: HTMLElement, x: number, y: number) =>
  fireEvent.pointerMove(element, { pointerId: 1, clientX: x, clientY: y });
/** A wheel turn at a client point (happy-dom's WheelEvent leaves the mouse position out, so it is set here). */
function turnWheel(element: HTMLElement, deltaY: number, x: number, y: number): boolean {
  const event = new WheelEvent('wheel', { deltaY, bubbles: true, cancelable: true });
  Object.defineProperties(event, { clientX: { value: x }, clientY: { value: y } });
  return element.dispatchEvent(event);
}
const release = (element: HTMLElement, x: number, y: number) =>
  fireEvent.pointerUp(element, { pointerId: 1, clientX: x, clientY: y });

describe('viewport gestures', () => {
  it('takes a press and release that barely moved for a click, at the pointer inside the element', () => {
    const gestures: Gesture[] = [];
    render(<GestureProbe gestures={gestures} />);
    const viewport = screen.getByTestId('viewport');
    press(viewport, 10, 20);
    move(viewport, 12, 21);
    release(viewport, 12, 21);
    // happy-dom lays nothing out: the element's box is at 0, 0, so the pointer inside it is the client point.
    expect(gestures).toEqual([{ click: { x: 12, y: 21 } }]);
  });

  it('takes a move past the slop for a drag, reporting each step, and then no click', () => {
    const gestures: Gesture[] = [];
    render(<GestureProbe gestures={gestures} />);
    const viewport = screen.getByTestId('viewport');
    press(viewport, 10, 10);
    move(viewport, 20, 10);
    move(viewport, 25, 7);
    release(viewport, 25, 7);
    expect(gestures).toEqual([{ drag: [10, 0] }, { drag: [5, -3] }]);
  });

  it('ignores a button other than the main one', () => {
    const gestures: Gesture[] = [];
    render(<GestureProbe gestures={gestures} />);
    const viewport = screen.getByTestId('viewport');
    fireEvent.pointerDown(viewport, { button: 2, pointerId: 1, clientX: 5, clientY: 5 });
    release(viewport, 5, 5);
    expect(gestures).toEqual([]);
  });

  it('zooms in on a wheel turn away from the user and out on one towards, and keeps the page from scrolling', () => {
    const gestures: Gesture[] = [];
    render(<GestureProbe gestures={gestures} />);
    const viewport = screen.getByTestId('viewport');
    const notScrolled = turnWheel(viewport, -100, 30, 40);
    turnWheel(viewport, 100, 30, 40);
    expect(notScrolled).toBe(false);
    expect(gestures).toEqual([
      { zoom: Math.exp(0.15), at: { x: 30, y: 40 } },
      { zoom: Math.exp(-0.15), at: { x: 30, y: 40 } },
    ]);
  });
});
