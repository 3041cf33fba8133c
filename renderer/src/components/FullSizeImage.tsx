import type { CSSProperties } from 'react';
import { mediaUrl } from '../../../shared/contract';
import { livesElsewhereSentence, parseForeignPath } from '../../../shared/machines/machine-paths';
import type { Size } from '../compare/syncedView';
import { useEngine } from '../hooks/useEngine';

export interface FullSizeImageProps {
  path: string;
  title: string;
  className: string;
  /** Where it sits in its viewport (zoom and pan). */
  style: CSSProperties;
  /** Its own pixel size once it has loaded: what zoom and pan are measured against. */
  onNaturalSize: (size: Size) => void;
  testId?: string;
  /** The computer the photo lives on, when it is another computer's (an index shared on a server). */
  machine?: string;
}

/**
 * One photo at full size, for the viewer and the compare view: not draggable, so a drag pans instead. Give it
 * `key={path}`, so a new photo is a new element and the old one's size does not stand for it while it loads.
 */
export function FullSizeImage({
  path,
  title,
  className,
  style,
  onNaturalSize,
  testId,
  machine,
}: FullSizeImageProps) {
  const { mediaBase } = useEngine();
  // Another computer's photo (a shared index): its file is there, and this Doppel has no pixels of it.
  if (parseForeignPath(path)) {
    return (
      <div className={className} role="img" aria-label={title} data-testid={testId}>
        {livesElsewhereSentence(machine ?? 'another computer', 'see it full size')}
      </div>
    );
  }
  return (
    <img
      className={className}
      src={mediaUrl(mediaBase, 'fullImage', path)}
      alt={title}
      draggable={false}
      style={style}
      data-testid={testId}
      onLoad={(event) =>
        onNaturalSize({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
      }
    />
  );
}
