import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { IndexError } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { plural } from '../format/formatCount';
import { fileName } from '../format/paths';
import { useEngine } from '../hooks/useEngine';

/** One user action's trash (a bulk trash sends several batches, each its own engine action). */
export interface TrashedAction {
  trashed: number;
  failed: IndexError[];
  /** The engine's action ids that undo it, batch by batch. */
  actionIds: string[];
  /** False where the system Trash took the files: the user restores them from there. */
  restorable: boolean;
  /** Keepers' sidecars written with the copies' metadata first. */
  sidecars: number;
}

export type UndoState =
  | { kind: 'trashed'; action: TrashedAction }
  | { kind: 'undoing'; action: TrashedAction }
  | { kind: 'undone'; tone: 'info' | 'error'; text: string };

export interface TrashUndo {
  state: UndoState | null;
  /** Called after a trash with what moved; the notice then offers Undo (or the Trash). */
  record: (result: {
    trashed: string[];
    failed: IndexError[];
    actionIds: string[];
    restorable: boolean;
    sidecars?: number;
  }) => void;
  undo: () => Promise<void>;
  dismiss: () => void;
  /** The desktop's "open the Trash"; null in the browser. */
  openTrash: (() => void) | null;
}

const TrashUndoContext = createContext<TrashUndo | null>(null);

/**
 * The last trash and its Undo, kept above the screens: it survives going to another screen and back in the
 * same session (the engine keeps what it needs in its data folder).
 */
export function TrashUndoProvider({ children }: { children: ReactNode }) {
  const { api, openTrash } = useEngine();
  const [state, setState] = useState<UndoState | null>(null);

  const record = useCallback<TrashUndo['record']>((result) => {
    if (result.trashed.length === 0 && result.failed.length === 0) return;
    setState({
      kind: 'trashed',
      action: {
        trashed: result.trashed.length,
        failed: result.failed,
        actionIds: result.actionIds,
        restorable: result.restorable && result.actionIds.length > 0,
        sidecars: result.sidecars ?? 0,
      },
    });
  }, []);

  const undo = useCallback(async () => {
    if (state?.kind !== 'trashed' || !state.action.restorable) return;
    const { action } = state;
    setState({ kind: 'undoing', action });
    try {
      const { restored, failed } = await api.restoreTrashed({ actionIds: action.actionIds });
      setState({ kind: 'undone', ...describeRestore(restored.length, failed) });
    } catch (failure) {
      setState({ kind: 'undone', tone: 'error', text: describeError(failure) });
    }
  }, [api, state]);

  const dismiss = useCallback(() => setState(null), []);
  const openTrashOrNull = useMemo(() => (openTrash ? () => void openTrash() : null), [openTrash]);

  const value = useMemo<TrashUndo>(
    () => ({ state, record, undo, dismiss, openTrash: openTrashOrNull }),
    [state, record, undo, dismiss, openTrashOrNull],
  );
  return <TrashUndoContext.Provider value={value}>{children}</TrashUndoContext.Provider>;
}

/** The undo of the last trash, or null outside a provider (a screen rendered alone in a test). */
export function useTrashUndo(): TrashUndo | null {
  return useContext(TrashUndoContext);
}

function describeRestore(restored: number, failed: IndexError[]): { tone: 'info' | 'error'; text: string } {
  const back = restored > 0 ? `Put back ${plural(restored, 'photo')}.` : 'Nothing was put back.';
  const first = failed[0];
  if (!first) return { tone: 'info', text: back };
  const more = failed.length > 1 ? ` (and ${plural(failed.length - 1, 'other file')})` : '';
  const name = first.path ? `${fileName(first.path)}${more}` : `One action${more}`;
  return { tone: 'error', text: `${back} ${name} stayed in the Trash: ${first.error}.` };
}
