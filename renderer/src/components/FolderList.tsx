import type { Status } from '../../../shared/contract';
import { plural } from '../format/formatCount';
import { Icon } from './Icon';

export interface FolderListProps {
  folders: Status['folders'];
  busy: boolean;
  onRescan: (path: string) => void;
  onRemove: (path: string, images: number) => void;
}

export function FolderList({ folders, busy, onRescan, onRemove }: FolderListProps) {
  return (
    <ul className="folder-list" aria-label="Folders in the library">
      {folders.map((folder) => (
        <li key={folder.path} className="folder-row" data-testid="folder-row">
          <span className="folder-row__icon">
            <Icon name="folder" />
          </span>
          <span className="folder-row__path" title={folder.path} data-testid="folder-path">
            {folder.path}
          </span>
          <span className="folder-row__count" data-testid="folder-count">
            {plural(folder.images, 'photo')}
          </span>
          <button
            type="button"
            className="button button--small"
            onClick={() => onRescan(folder.path)}
            disabled={busy}
            title="Look for new, changed and deleted photos in this folder"
            data-testid="rescan-folder"
          >
            Update
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => onRemove(folder.path, folder.images)}
            disabled={busy}
            data-testid="remove-folder"
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
