import { useEffect } from 'react';
import { isTypingTarget } from '../dom/isTypingTarget';
import { plural } from '../format/formatCount';
import { fileName } from '../format/paths';
import { useTrashUndo, type TrashedAction } from './TrashUndoContext';

/**
 * The notice after a trash: what moved, what did not, and Undo where Doppel can put the files back. It stays
 * (across screens) until dismissed or replaced by the next trash, since an undo must not expire under you.
 */
export function UndoTrashBar() {
  const undo = useTrashUndo();
  const canUndo = undo?.state?.kind === 'trashed' && undo.state.action.restorable;
  // Ctrl+Z (⌘Z on a Mac) undoes the last trash from anywhere but a text field, which keeps its own undo.
  useEffect(() => {
    if (!canUndo || !undo) return;
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key.toLowerCase() !== 'z' ||
        !(event.ctrlKey || event.metaKey) ||
        event.shiftKey ||
        event.altKey
      )
        return;
      if (isTypingTarget(event.target)) return;
      event.preventDefault();
      void undo.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canUndo, undo]);
  if (!undo?.state) return null;
  const { state } = undo;
  if (state.kind === 'undone') {
    return (
      <div
        className={`notice notice--undo notice--${state.tone}`}
        role={state.tone === 'error' ? 'alert' : 'status'}
        data-testid="undo-notice"
      >
        <span data-testid="undo-outcome">{state.text}</span>
        <DismissButton onDismiss={undo.dismiss} />
      </div>
    );
  }
  const { action } = state;
  const failedToo = action.failed.length > 0;
  return (
    <div
      className={`notice notice--undo ${failedToo ? 'notice--error' : 'notice--info'}`}
      role={failedToo ? 'alert' : 'status'}
      data-testid="undo-notice"
    >
      <span>{describeTrash(action)}</span>
      {action.trashed > 0 &&
        (action.restorable ? (
          <button
            type="button"
            className="button button--small"
            data-testid="undo-trash"
            aria-keyshortcuts="Control+Z Meta+Z"
            title="Put the photos back where they were (Ctrl+Z)"
            disabled={state.kind === 'undoing'}
            onClick={() => void undo.undo()}
          >
            {state.kind === 'undoing' ? 'Putting back…' : 'Undo'}
          </button>
        ) : (
          undo.openTrash && (
            <button
              type="button"
              className="button button--small"
              data-testid="open-trash"
              onClick={undo.openTrash}
            >
              Open the Trash
            </button>
          )
        ))}
      <DismissButton onDismiss={undo.dismiss} />
    </div>
  );
}

function describeTrash(action: TrashedAction): string {
  const parts: string[] = [];
  if (action.trashed > 0) parts.push(`Moved ${plural(action.trashed, 'photo')} to the Trash.`);
  if (action.sidecars > 0)
    parts.push(`Kept their metadata in ${plural(action.sidecars, 'XMP sidecar')} beside the keeper.`);
  const first = action.failed[0];
  if (first) {
    const more = action.failed.length > 1 ? ` (and ${plural(action.failed.length - 1, 'other file')})` : '';
    parts.push(`Could not move ${fileName(first.path)}${more} to the Trash: ${first.error}`);
  }
  if (action.trashed > 0 && !action.restorable)
    parts.push('Doppel cannot put them back from the system Trash: restore them from there.');
  return parts.join(' ');
}

function DismissButton({ onDismiss }: { onDismiss: () => void }) {
  return (
    <button type="button" className="notice__close" aria-label="Dismiss" onClick={onDismiss}>
      ×
    </button>
  );
}
