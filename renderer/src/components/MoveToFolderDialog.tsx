import { useState } from 'react';
import { plural } from '../format/formatCount';
import { ModalDialog } from './ModalDialog';
import { TextField } from './TextField';

export interface MoveToFolderDialogProps {
  count: number;
  busy: boolean;
  /** Why the last try was refused (a folder in the library, one that does not exist…), or null. */
  error: string | null;
  onMove: (destination: string) => void;
  onCancel: () => void;
}

/**
 * The first control, the folder field, has the focus when it opens. The browser's "Move to a folder…": the folder is a path on the machine running Doppel, typed or pasted
 * (the desktop app opens its folder dialog instead). The engine checks it; a refusal shows here.
 */
export function MoveToFolderDialog({ count, busy, error, onMove, onCancel }: MoveToFolderDialogProps) {
  const [destination, setDestination] = useState('');
  return (
    <ModalDialog
      className="modal"
      aria-labelledby="move-dialog-title"
      cancelOnBackdrop
      onCancel={onCancel}
      testId="move-dialog"
    >
      <form
        className="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (destination.trim()) onMove(destination.trim());
        }}
      >
        <h2 id="move-dialog-title" className="dialog__title">
          Move {plural(count, 'photo')} to a folder
        </h2>
        <div className="dialog__body">
          <p>
            They leave the library and go to this folder (an archive drive, say), keeping their names; a name
            already taken there gets a number. Pick a folder outside the library.
          </p>
          <TextField
            label="Folder on the computer running Doppel"
            value={destination}
            onChange={setDestination}
            placeholder="/Volumes/Archive/Duplicates"
            testId="move-destination"
            autoFocus
          />
          {error && (
            <p className="dialog__error" role="alert" data-testid="move-error">
              {error}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel} data-testid="move-cancel">
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || !destination.trim()}
            data-testid="move-ok"
          >
            {busy ? 'Moving…' : 'Move'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
