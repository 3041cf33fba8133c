import { useCallback, useState } from 'react';
import type { DuplicateGraph } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { withNotDuplicates, withoutPaths } from '../duplicates/graphEdits';
import { keepMetadataFirst, type CopySetToClear } from '../duplicates/keepMetadataFirst';
import { trashInBatches } from '../duplicates/trashInBatches';
import { useKeepMetadataPreference } from '../undo/keepMetadataPreference';
import { plural } from '../format/formatCount';
import { fileName } from '../format/paths';
import { useTrashUndo } from '../undo/TrashUndoContext';
import type { Notice } from './useNotice';
import { useEngine } from './useEngine';

export interface DuplicateActions {
  busy: boolean;
  /**
   * True where the host can show a file in its folder (the desktop app). False in the browser, and once
   * showing one failed: the buttons then disappear.
   */
  canReveal: boolean;
  /** `sets`: each keeper and its copies among `paths`, whose metadata may go into the keeper's sidecar first. */
  trash: (paths: string[], sets?: CopySetToClear[]) => Promise<void>;
  markNotDuplicates: (paths: string[]) => Promise<void>;
  reveal: (path: string) => void;
}

/** The engine calls behind the group buttons and keys, with the list updated at once and the outcome in words. */
export function useDuplicateActions(
  editGraph: (edit: (graph: DuplicateGraph) => DuplicateGraph) => void,
  showNotice: (text: string, tone?: Notice['tone']) => void,
): DuplicateActions {
  const { api, revealInFolder } = useEngine();
  const undo = useTrashUndo();
  const [keepMetadata] = useKeepMetadataPreference();
  const [busy, setBusy] = useState(false);
  const [revealFailed, setRevealFailed] = useState(false);
  const canReveal = revealInFolder !== null && !revealFailed;

  const trash = useCallback(
    async (requested: string[], sets: CopySetToClear[] = []) => {
      if (requested.length === 0) return;
      setBusy(true);
      try {
        const cleared = keepMetadata
          ? await keepMetadataFirst(api.keepMetadata, sets, requested)
          : { paths: requested, blocked: [], kept: 0 };
        const paths = cleared.paths;
        // A bulk trash may hold more photos than one request carries; each batch leaves the list as it goes.
        const actionIds: string[] = [];
        let restorable = true;
        const { trashed, failed: refused } = await trashInBatches(api.trash, paths, (batch) => {
          if (batch.trashed.length) editGraph((graph) => withoutPaths(graph, batch.trashed));
          if (batch.actionId) actionIds.push(batch.actionId);
          if (batch.trashed.length > 0 && !batch.restorable) restorable = false;
        });
        const failed = [...cleared.blocked, ...refused];
        // Above the screens, the notice offers Undo and outlives a visit to another screen.
        if (undo) undo.record({ trashed, failed, actionIds, restorable, sidecars: cleared.kept });
        else if (failed.length) {
          const first = failed[0]!;
          const more = failed.length > 1 ? ` (and ${plural(failed.length - 1, 'other file')})` : '';
          showNotice(`Could not move ${fileName(first.path)}${more} to the Trash: ${first.error}`, 'error');
        } else {
          showNotice(`Moved ${plural(trashed.length, 'photo')} to the Trash.`);
        }
      } catch (failure) {
        showNotice(describeError(failure), 'error');
      } finally {
        setBusy(false);
      }
    },
    [api, editGraph, showNotice, undo, keepMetadata],
  );

  const markNotDuplicates = useCallback(
    async (paths: string[]) => {
      if (paths.length < 2) return;
      setBusy(true);
      try {
        await api.markNotDuplicates({ paths });
        editGraph((graph) => withNotDuplicates(graph, paths));
        showNotice('Got it: these photos will not be shown together again.');
      } catch (failure) {
        showNotice(describeError(failure), 'error');
      } finally {
        setBusy(false);
      }
    },
    [api, editGraph, showNotice],
  );

  const reveal = useCallback(
    (path: string) => {
      if (!revealInFolder) return;
      revealInFolder(path).then(
        (revealed) => {
          if (!revealed) showNotice(`${fileName(path)} is no longer in the library, so it cannot be shown.`);
        },
        (failure: unknown) => {
          setRevealFailed(true);
          showNotice(describeError(failure), 'error');
        },
      );
    },
    [revealInFolder, showNotice],
  );

  return { busy, canReveal, trash, markNotDuplicates, reveal };
}
