import type { Status } from '../../../shared/contract';
import { pathOnItsMachine } from '../../../shared/machines/machine-paths';
import { plural } from '../format/formatCount';
import { Icon } from './Icon';

export interface FolderListProps {
  folders: Status['folders'];
  busy: boolean;
  onRescan: (path: string) => void;
  onRemove: (path: string, images: number) => void;
  /** Protect the folder (its photos are never trashed and always the keeper) or lift it. */
  onProtect: (path: string, protect: boolean) => void;
}

export function FolderList({ folders, busy, onRescan, onRemove, onProtect }: FolderListProps) {
  return (
    <>
      <p id="protect-folder-hint" className="muted folder-list__hint">
        Photos in a protected folder (your archive) are never moved to the Trash, and one of them is always
        the keeper of its group.
      </p>
      <ul className="folder-list" aria-label="Folders in the library">
        {folders.map((folder) =>
          folder.machine !== undefined ? (
            <ElsewhereFolderRow key={folder.path} folder={folder} machine={folder.machine} />
          ) : (
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
              <label
                className="folder-row__protect"
                title="A protected folder's photos are never moved to the Trash, and one of them is always the keeper"
              >
                <input
                  type="checkbox"
                  checked={folder.protected === true}
                  onChange={(event) => onProtect(folder.path, event.target.checked)}
                  aria-label={`Protected: ${folder.path}`}
                  aria-describedby="protect-folder-hint"
                  data-testid="protect-folder"
                />
                <span>Protected</span>
              </label>
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
          ),
        )}
      </ul>
    </>
  );
}

/**
 * Another computer's library folder (an index shared on a server): its photos are seen and grouped here,
 * but only Doppel there can scan, protect or remove it, so the row says where it lives and offers nothing.
 */
function ElsewhereFolderRow({ folder, machine }: { folder: Status['folders'][number]; machine: string }) {
  const path = pathOnItsMachine(folder.path);
  const where = `This folder lives on ${machine}; open Doppel there to update, protect or remove it.`;
  return (
    <li className="folder-row" data-testid="folder-row" data-machine={machine}>
      <span className="folder-row__icon">
        <Icon name="folder" />
      </span>
      <span className="folder-row__path" title={path} data-testid="folder-path">
        {path}
      </span>
      <span className="folder-row__count" data-testid="folder-count">
        {plural(folder.images, 'photo')}
      </span>
      <span className="muted" title={where} data-testid="folder-machine">
        On {machine}
        {folder.protected === true && ', protected'}
        <span className="visually-hidden">: {where}</span>
      </span>
    </li>
  );
}
