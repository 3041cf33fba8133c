import { useState } from 'react';
import { mediaUrl } from '../../../shared/contract';
import { useEngine } from '../hooks/useEngine';

/** A thumbnail by URL (never over IPC); a missing file shows a plain placeholder instead of a broken image. */
export function PhotoThumbnail({ path, size = 256, alt }: { path: string; size?: number; alt: string }) {
  const { mediaBase } = useEngine();
  const [failed, setFailed] = useState(false);
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
