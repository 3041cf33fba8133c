import { useState } from 'react';
import { mediaUrl } from '../../../shared/contract';
import { useEngine } from '../hooks/useEngine';

/**
 * A thumbnail by URL (never over IPC); a missing file shows a plain placeholder instead of a broken image.
 * `machine`: the photo is another computer's (an index shared on a server), whose file only Doppel there
 * can read: its name stands in for the picture, and nothing is asked for.
 */
export function PhotoThumbnail({
  path,
  size = 256,
  alt,
  machine,
}: {
  path: string;
  size?: number;
  alt: string;
  machine?: string;
}) {
  const { mediaBase } = useEngine();
  const [failed, setFailed] = useState(false);
  if (machine !== undefined) {
    return (
      <div
        className="thumbnail thumbnail--missing"
        role="img"
        aria-label={`${alt} (on ${machine})`}
        data-testid="elsewhere-thumbnail"
      >
        On {machine}
      </div>
    );
  }
  if (failed) {
    return (
      <div className="thumbnail thumbnail--missing" role="img" aria-label={`${alt} (preview unavailable)`}>
        No preview
      </div>
    );
  }
  return (
    <img
      className="thumbnail"
      src={mediaUrl(mediaBase, 'thumbnail', path, size)}
      alt={alt}
      loading="lazy"
      decoding="async"
      draggable={false}
      onError={() => setFailed(true)}
    />
  );
}
