import { useCallback, useRef, useState } from 'react';
import { maxCompared, minCompared, togglePick } from '../compare/comparePicks';
import {
  actualSizeZoom,
  fitScale,
  fitView,
  panBy,
  zoomTo,
  type PaneGeometry,
  type SharedView,
} from '../compare/syncedView';
import { useDialogShortcuts } from '../hooks/useDialogShortcuts';
import { useDifferenceOverlays } from '../hooks/useDifferenceOverlays';
import { useLatestRef } from '../hooks/useLatestRef';
import { ComparePane, type ComparePhoto, type ViewUpdate } from './ComparePane';
import { DialogCloseButton } from './DialogCloseButton';
import { ModalDialog } from './ModalDialog';

export interface CompareDialogProps {
  /** Every photo that may be compared (a group's, keeper first). */
  photos: readonly ComparePhoto[];
  /** The paths shown when it opens, two to four; the first is the reference ("A"), the second "B". */
  initialPicks: readonly string[];
  onClose: () => void;
}

const letters = ['A', 'B', 'C', 'D'];
const zoomStep = 1.25;
/** An arrow key pans by this share of the pane. */
const panStep = 0.1;

/**
 * Two to four photos side by side, zoomed and panned together; an A/B flip (F) that shows A and B in turn in
 * one place; and a difference overlay (D) that lights where each photo differs from A once a light crop is
 * lined up. A modal dialog: Escape closes it and the focus goes back where it was.
 */
export function CompareDialog({ photos, initialPicks, onClose }: CompareDialogProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const [picks, setPicks] = useState<string[]>(() => [...initialPicks]);
  const [view, setView] = useState<SharedView>(fitView);
  /** null: side by side; 0 or 1: the flip, showing A or B. */
  const [flipped, setFlipped] = useState<0 | 1 | null>(null);
  const [showDifferences, setShowDifferences] = useState(false);
  const geometries = useRef(new Map<string, PaneGeometry>());

  const byPath = new Map(photos.map((photo) => [photo.path, photo]));
  const picked = picks.map((path) => byPath.get(path)).filter((photo) => photo !== undefined);
  const reference = picked[0];
  const shown = flipped === null ? picked : [picked[flipped]].filter((photo) => photo !== undefined);
  const overlays = useDifferenceOverlays(
    showDifferences,
    reference?.path,
    picked.slice(1).map((photo) => photo.path),
  );

  const onViewChange = useCallback<ViewUpdate>((update) => setView(update), []);
  const referenceGeometry = () => geometries.current.get(shown[0]?.path ?? '');

  const keys = useLatestRef({
    zoomBy: (factor: number) => {
      const pane = referenceGeometry();
      if (pane) setView((current) => zoomTo(current, current.zoom * factor, pane));
    },
    pan: (right: number, down: number) => {
      const pane = referenceGeometry();
      if (!pane) return;
      // The photo moves the other way: an arrow looks further in its direction.
      const dx = -right * panStep * pane.viewport.width;
      const dy = -down * panStep * pane.viewport.height;
      setView((current) => panBy(current, dx, dy, pane));
    },
    fit: () => setView(fitView),
    actualSize: () => {
      const pane = referenceGeometry();
      if (pane) setView((current) => zoomTo(current, actualSizeZoom(pane), pane));
    },
    flip: () => setFlipped((current) => (current === 0 ? 1 : 0)),
    toggleDifferences: () => setShowDifferences((current) => !current),
  });

  useDialogShortcuts(
    () => {
      const act = keys.current;
      return {
        '+': () => act.zoomBy(zoomStep),
        '=': () => act.zoomBy(zoomStep),
        '-': () => act.zoomBy(1 / zoomStep),
        _: () => act.zoomBy(1 / zoomStep),
        '0': act.fit,
        '1': act.actualSize,
        ArrowLeft: () => act.pan(-1, 0),
        ArrowRight: () => act.pan(1, 0),
        ArrowUp: () => act.pan(0, -1),
        ArrowDown: () => act.pan(0, 1),
        f: act.flip,
        F: act.flip,
        d: act.toggleDifferences,
        D: act.toggleDifferences,
      };
    },
    { ignoreModified: true },
  );

  const zoomGeometry = referenceGeometry();
  const zoomText =
    view.zoom === 1 || !zoomGeometry
      ? 'Fit'
      : `${Math.round(view.zoom * fitScale(zoomGeometry) * 100)} % of ${letters[picks.indexOf(shown[0]?.path ?? '')] ?? 'A'}`;
  const flipLetter = flipped === null ? null : letters[flipped]!;
  const announcement =
    flipped === null
      ? `Side by side: ${picked.map((photo, index) => `${letters[index]} ${photo.title}`).join(', ')}`
      : `Showing ${flipLetter}: ${shown[0]?.title ?? ''}`;

  return (
    <ModalDialog
      className={`viewer compare${flipped === null ? '' : ' is-flipped'}`}
      aria-label={`Compare ${picked.length} photos`}
      initialFocus={closeRef}
      onCancel={onClose}
      testId="compare-dialog"
    >
      <div className="viewer__bar compare__bar">
        <h2 className="viewer__title compare__title">Compare {picked.length} photos</h2>
        <span className="viewer__zoom" data-testid="compare-zoom">
          {zoomText}
        </span>
        <span className="compare__group" role="group" aria-label="Zoom">
          <button
            type="button"
            className="button button--small"
            onClick={() => keys.current.zoomBy(1 / zoomStep)}
            aria-label="Zoom out"
            title="Zoom out (−)"
          >
            −
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => keys.current.zoomBy(zoomStep)}
            aria-label="Zoom in"
            title="Zoom in (+)"
          >
            +
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={keys.current.fit}
            title="Show the whole photos (0)"
          >
            Fit
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={keys.current.actualSize}
            title="One photo pixel per screen pixel (1)"
          >
            100 %
          </button>
        </span>
        <button
          type="button"
          className="button button--small"
          aria-pressed={flipped !== null}
          onClick={() => setFlipped((current) => (current === null ? 0 : null))}
          title="Show A and B in turn in one place; F flips between them"
          data-testid="compare-flip"
        >
          A/B flip
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={showDifferences}
          onClick={keys.current.toggleDifferences}
          title="Light the pixels that differ from A (D)"
          data-testid="compare-differences"
        >
          Differences
        </button>
        <DialogCloseButton ref={closeRef} onClose={onClose} testId="compare-close" />
      </div>
      {photos.length > minCompared && (
        <div
          className="compare__picker"
          role="group"
          aria-label={`Photos to compare, ${minCompared} to ${maxCompared}`}
        >
          {photos.map((photo) => {
            const at = picks.indexOf(photo.path);
            const isPicked = at >= 0;
            const locked = isPicked ? picks.length <= minCompared : picks.length >= maxCompared;
            return (
              <button
                key={photo.path}
                type="button"
                className="button button--small compare__pick"
                aria-pressed={isPicked}
                disabled={locked}
                title={photo.path}
                onClick={() =>
                  setPicks((current) =>
                    togglePick(
                      photos.map((each) => each.path),
                      current,
                      photo.path,
                    ),
                  )
                }
                data-testid="compare-pick"
              >
                {isPicked ? `${letters[at]} · ` : ''}
                {photo.title}
              </button>
            );
          })}
        </div>
      )}
      <p className="visually-hidden" aria-live="polite" data-testid="compare-announcement">
        {announcement}
      </p>
      {flipLetter && (
        <p className="compare__flip-label" data-testid="compare-flip-label">
          Showing {flipLetter}: {shown[0]?.title} · F shows {flipped === 0 ? 'B' : 'A'}
        </p>
      )}
      <div className={`compare__panes compare__panes--${shown.length}`}>
        {shown.map((photo) => {
          const letter = letters[picks.indexOf(photo.path)]!;
          return (
            <ComparePane
              key={flipped === null ? photo.path : 'flip'}
              photo={photo}
              letter={letter}
              view={view}
              onViewChange={onViewChange}
              onGeometry={(geometry) => geometries.current.set(photo.path, geometry)}
              overlay={
                !showDifferences
                  ? undefined
                  : photo.path === reference?.path
                    ? null
                    : overlays.get(photo.path)
              }
              referenceLetter="A"
            />
          );
        })}
      </div>
      <div className="viewer__hint muted">
        scroll or + − to zoom · drag or arrows to pan · 0 fit · 1 100 % · F flip A/B · D differences · Esc
        close
      </div>
    </ModalDialog>
  );
}
