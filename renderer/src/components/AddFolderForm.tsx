import { useState, type FormEvent } from 'react';
import { useEngine } from '../hooks/useEngine';

/**
 * Desktop: the native folder picker. Browser: a path typed by hand, because the folder must exist on the
 * machine running `doppel serve`, which the browser's own picker cannot see.
 */
export function AddFolderForm({
  disabled,
  onIndex,
}: {
  disabled: boolean;
  onIndex: (paths: string[]) => void;
}) {
  const { pickFolders, platform } = useEngine();
  const [path, setPath] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (!trimmed) return;
    onIndex([trimmed]);
    setPath('');
  };

  const pick = async () => {
    if (!pickFolders) return;
    const paths = await pickFolders();
    if (paths.length > 0) onIndex(paths);
  };

  return (
    <form className="add-folder" onSubmit={submit}>
      {pickFolders && (
        <button
          type="button"
          className="button button--primary"
          onClick={pick}
          disabled={disabled}
          data-testid="pick-folder"
        >
          Add folder…
        </button>
      )}
      <label className="add-folder__field">
        <span className="visually-hidden">Folder path</span>
        <input
          type="text"
          className="text-input"
          value={path}
          onChange={(event) => setPath(event.target.value)}
          placeholder={
            platform === 'browser' ? 'Folder on the server, e.g. /photos/2024' : 'Or type a folder path'
          }
          spellCheck={false}
          autoComplete="off"
          data-testid="folder-path-input"
        />
      </label>
      <button
        type="submit"
        className={`button${pickFolders ? '' : ' button--primary'}`}
        disabled={disabled || !path.trim()}
        data-testid="index-button"
      >
        Index
      </button>
    </form>
  );
}
