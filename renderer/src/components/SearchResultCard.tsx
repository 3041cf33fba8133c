import type { SearchResult } from '../../../shared/contract';
import { formatBytes } from '../format/formatBytes';
import { formatDistance } from '../format/formatDistance';
import { pathOnItsMachine } from '../../../shared/machines/machine-paths';
import { fileName, folderOf } from '../format/paths';
import { OpenPhotoButton } from './OpenPhotoButton';

export function SearchResultCard({ result, onOpen }: { result: SearchResult; onOpen: () => void }) {
  const name = fileName(result.path);
  // Another computer's photo (a shared index): found here, opened only there.
  const elsewhere = result.photo.machine;
  return (
    <li className="result-card" data-testid="search-result" data-machine={elsewhere}>
      <OpenPhotoButton
        className="result-card__image"
        path={result.path}
        name={name}
        machine={elsewhere}
        onOpen={onOpen}
        openTitle={`Open ${name} full size`}
        elsewhereActions="open it full size"
      />
      <div className="result-card__meta">
        <span className="result-card__name" title={pathOnItsMachine(result.path)}>
          {name}
        </span>
        <span className="result-card__distance" title="Distance to the query photo: smaller is more alike">
          <span className="visually-hidden">Distance </span>
          <span data-testid="result-distance">{formatDistance(result.distance)}</span>
        </span>
      </div>
      <div className="result-card__detail muted" title={folderOf(pathOnItsMachine(result.path))}>
        {result.photo.width} × {result.photo.height} · {formatBytes(result.photo.size)}
        {elsewhere !== undefined && ` · on ${elsewhere}`}
      </div>
    </li>
  );
}
