import { useRef } from 'react';
import { useDialogShortcuts } from '../hooks/useDialogShortcuts';
import { useZoomPan } from '../hooks/useZoomPan';
import { DialogCloseButton } from './DialogCloseButton';
import { FullSizeImage } from './FullSizeImage';
import { ModalDialog } from './ModalDialog';

export interface ViewerPhoto {
  path: string;
  title: string;
  detail?: string;
  badge?: string;
  /** The computer it lives on, when it is another computer's (a shared index). */
  machine?: string;
}

export interface FullImageViewerProps {
  photos: readonly ViewerPhoto[];
  index: number;
  onIndexChange: (index: number) => void;
  onClose: () => void;
}

/**
 * Full size with zoom: click toggles fit / 100 % at the clicked spot, the wheel zooms around the pointer, drag
 * pans. Left/right flips between the photos at the same zoom and spot, to compare detail. A modal dialog: Escape
 * closes it and the focus goes back where it was.
 */
export function FullImageViewer({ photos, index, onIndexChange, onClose }: FullImageViewerProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const zoomPan = useZoomPan(viewportRef);
  const photo = photos[index];
  const count = photos.length;
  useDialogShortcuts(() => ({
    ArrowLeft: () => onIndexChange((index - 1 + count) % count),
    ArrowRight: () => onIndexChange((index + 1) % count),
    '0': zoomPan.fit,
    '1': zoomPan.actualSize,
  }));

  if (!photo) return null;
  return (
    <ModalDialog
      className={`viewer${zoomPan.scale > 1 ? ' is-pixel' : ''}`}
      aria-label={`Full size: ${photo.title}`}
      initialFocus={closeRef}
      onCancel={onClose}
      testId="full-image-viewer"
    >
      <div className="viewer__bar">
        <span className="viewer__title" title={photo.path}>
          {photo.badge && <span className="badge badge--keeper">{photo.badge}</span>} {photo.title}
          {photo.detail && <span className="viewer__detail"> · {photo.detail}</span>}
        </span>
        <span className="viewer__zoom" data-testid="viewer-zoom">
          {zoomPan.isFit ? 'Fit' : `${Math.round(zoomPan.scale * 100)} %`}
        </span>
        {photos.length > 1 && (
          <span className="viewer__count">
            {index + 1} of {photos.length}
          </span>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={zoomPan.isFit ? zoomPan.actualSize : zoomPan.fit}
        >
          {zoomPan.isFit ? '100 %' : 'Fit'}
        </button>
        <DialogCloseButton ref={closeRef} onClose={onClose} testId="viewer-close" />
      </div>
      <div
        className={`viewer__viewport${zoomPan.isFit ? '' : ' is-zoomed'}`}
        ref={viewportRef}
        {...zoomPan.pointerHandlers}
      >
        <FullSizeImage
          key={photo.path}
          path={photo.path}
          title={photo.title}
          className="viewer__image"
          style={zoomPan.imageStyle}
          onNaturalSize={zoomPan.setNaturalSize}
          machine={photo.machine}
        />
      </div>
      {photos.length > 1 && (
        <div className="viewer__hint muted">
          ← → to compare · click or scroll to zoom · drag to pan · Esc to close
        </div>
      )}
    </ModalDialog>
  );
}
