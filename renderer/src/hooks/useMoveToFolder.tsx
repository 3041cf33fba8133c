import { useCallback, useState, type ReactNode } from 'react';
import type { DuplicateGraph } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { MoveToFolderDialog } from '../components/MoveToFolderDialog';
import { withoutPaths } from '../duplicates/graphEdits';
import { keepMetadataFirst, type CopySetToClear } from '../duplicates/keepMetadataFirst';
import { plural } from '../format/formatCount';
import { fileName } from '../format/paths';
import { useKeepMetadataPreference } from '../undo/keepMetadataPreference';
import type { Notice } from './useNotice';
import { useEngine } from './useEngine';

export interface MoveToFolder {
  /** "Move the others to a folder…": the desktop's folder dialog, or the browser's path dialog. */
  start: (paths: string[], sets?: CopySetToClear[]) => void;
  /** The browser's dialog while it is open. */
  dialog: ReactNode;
}

/** Moving photos out of the library into a folder of the user's, with the outcome in words. */
export function useMoveToFolder(
  editGraph: (edit: (graph: DuplicateGraph) => DuplicateGraph) => void,
  showNotice: (text: string, tone?: Notice['tone']) => void,
): MoveToFolder {
  const { api, pickFolders } = useEngine();
  const [pending, setPending] = useState<{ paths: string[]; sets: CopySetToClear[] } | null>(null);
  const [keepMetadata] = useKeepMetadataPreference();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Resolves to the refusal in words (the dialog shows it), or null once the move was made. */
  const move = useCallback(
    async (
      { paths: requested, sets }: { paths: string[]; sets: CopySetToClear[] },
      destination: string,
    ): Promise<string | null> => {
      setBusy(true);
      try {
        const cleared = keepMetadata
          ? await keepMetadataFirst(api.keepMetadata, sets, requested)
          : { paths: requested, blocked: [], kept: 0 };
        const answer =
          cleared.paths.length > 0
            ? await api.moveToFolder({ paths: cleared.paths, destination })
            : { moved: [], failed: [] };
        const moved = answer.moved;
        const failed = [...cleared.blocked, ...answer.failed];
        if (moved.length)
          editGraph((graph) =>
            withoutPaths(
              graph,
              moved.map((entry) => entry.path),
            ),
          );
        const first = failed[0];
        if (first) {
          const more = failed.length > 1 ? ` (and ${plural(failed.length - 1, 'other file')})` : '';
          const done = moved.length ? `Moved ${plural(moved.length, 'photo')} to ${destination}. ` : '';
          showNotice(`${done}Could not move ${fileName(first.path)}${more}: ${first.error}`, 'error');
        } else {
          showNotice(`Moved ${plural(moved.length, 'photo')} to ${destination}.`);
        }
        return null;
      } catch (failure) {
        return describeError(failure);
      } finally {
        setBusy(false);
      }
    },
    [api, editGraph, showNotice, keepMetadata],
  );

  const start = useCallback(
    (paths: string[], sets: CopySetToClear[] = []) => {
      if (paths.length === 0) return;
      if (!pickFolders) {
        setError(null);
        setPending({ paths, sets });
        return;
      }
      void pickFolders().then(async (folders) => {
        const destination = folders[0];
        if (!destination) return; // cancelled
        const refusal = await move({ paths, sets }, destination);
        if (refusal) showNotice(refusal, 'error');
      });
    },
    [pickFolders, move, showNotice],
  );

  const dialog = pending && (
    <MoveToFolderDialog
      count={pending.paths.length}
      busy={busy}
      error={error}
      onCancel={() => setPending(null)}
      onMove={(destination) => {
        void move(pending, destination).then((refusal) => {
          if (refusal) setError(refusal);
          else setPending(null);
        });
      }}
    />
  );
  return { start, dialog };
}
