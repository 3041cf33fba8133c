import type { SearchResult } from '../../../shared/contract';
import { formatBytes } from '../format/formatBytes';
import { formatDistance } from '../format/formatDistance';
import { fileName, folderOf } from '../format/paths';
import { PhotoThumbnail } from './PhotoThumbnail';

export function SearchResultCard({ result, onOpen }: { result: SearchResult; onOpen: () => void }) {
  const name = fileName(result.path);
  return (
    <li className="result-card" data-testid="search-result">
      <button type="button" className="result-card__image" onClick={onOpen} title={`Open ${name} full size`}>
        <PhotoThumbnail path={result.path} alt={name} />
      </button>
      <div className="result-card__meta">
        <span className="result-card__name" title={result.path}>
          {name}
        </span>
        <span className="result-card__distance" title="Distance to the query photo: smaller is more alike">
          <span className="visually-hidden">Distance </span>
          <span data-testid="result-distance">{formatDistance(result.distance)}</span>
        </span>
      </div>
      <div className="result-card__detail muted" title={folderOf(result.path)}>
        {result.photo.width} × {result.photo.height} · {formatBytes(result.photo.size)}
      </div>
    </li>
  );
}
