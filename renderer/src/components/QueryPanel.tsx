import { useRef, useState } from 'react';
import { useEngine } from '../hooks/useEngine';
import type { QueryPhoto } from '../hooks/usePhotoSearch';
import { firstPhotoFile } from '../format/photoFiles';
import { Icon } from './Icon';

export interface QueryPanelProps {
  query: QueryPhoto | null;
  onFile: (file: File) => void;
  onPath: (path: string) => void;
}

/**
 * The query photo, and the place to choose one. Dropping works anywhere on the window; this area is the
 * visible target and the click-to-choose fallback.
 */
export function QueryPanel({ query, onFile, onPath }: QueryPanelProps) {
  const { pickImagePath } = useEngine();
  const inputRef = useRef<HTMLInputElement>(null);
  const [previewFailed, setPreviewFailed] = useState<string | null>(null);

  const choose = async () => {
    if (pickImagePath) {
      const path = await pickImagePath();
      if (path) onPath(path);
      return;
    }
    inputRef.current?.click();
  };

  const showPreview = query?.previewUrl && previewFailed !== query.previewUrl;
  return (
    <>
      <div
        className={`query-panel${query ? ' has-query' : ''}`}
        data-testid="search-drop-zone"
        role="button"
        tabIndex={0}
        aria-label="Choose a photo to search with"
        onClick={choose}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            void choose();
          }
        }}
      >
        {query ? (
          <figure className="query-panel__photo">
            {showPreview ? (
              <img
                src={query.previewUrl ?? undefined}
                alt={`Query photo ${query.name}`}
                data-testid="query-preview"
                onError={() => setPreviewFailed(query.previewUrl)}
              />
            ) : (
              <div className="thumbnail thumbnail--missing">No preview</div>
            )}
            <figcaption className="query-panel__name" data-testid="query-name">
              {query.name}
            </figcaption>
          </figure>
        ) : (
          <div className="query-panel__prompt">
            <div className="query-panel__icon">
              <Icon name="drop" size={36} />
            </div>
            <strong>Drop a photo here</strong>
            <span className="muted">or paste one, or click to choose a file</span>
          </div>
        )}
        {query && <span className="query-panel__again muted">Drop, paste or click to use another photo</span>}
      </div>
      {/* Outside the panel (a button may not hold another control) and hidden: the panel is the control,
          this only opens the file chooser for it. */}
      <input
        ref={inputRef}
        type="file"
        accept="image/*,.heic,.heif,.dng,.cr2,.cr3,.nef,.arw,.raf,.orf,.rw2"
        hidden
        data-testid="search-file-input"
        onChange={(event) => {
          const file = firstPhotoFile(event.target.files) ?? event.target.files?.[0];
          // Reset so choosing the same file again still searches.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
