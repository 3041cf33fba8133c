import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../api/errors';
import { AddFolderForm } from '../components/AddFolderForm';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { FolderList } from '../components/FolderList';
import { IndexErrorList } from '../components/IndexErrorList';
import { IndexProgressPanel } from '../components/IndexProgressPanel';
import { IndexResultSummary } from '../components/IndexResultSummary';
import { StagesPanel, stagesUnfinished } from '../components/StagesPanel';
import { plural } from '../format/formatCount';
import { useEngine } from '../hooks/useEngine';
import { useIndexErrors } from '../hooks/useIndexErrors';
import { useIndexing } from '../hooks/useIndexing';
import { useStatus } from '../hooks/useStatus';

interface PendingRemoval {
  path: string;
  images: number;
}

export function LibraryScreen({ active = true }: { active?: boolean }) {
  const { api } = useEngine();
  const { status, error: statusError, reload } = useStatus({ active });
  // The box ticks at once; the next status (after the engine's answer) says what is really stored.
  const [protecting, setProtecting] = useState<ReadonlyMap<string, boolean>>(new Map());
  useEffect(() => setProtecting(new Map()), [status]);
  const indexing = useIndexing(status?.indexing ?? null);
  const indexErrors = useIndexErrors(status?.lastErrors ?? []);
  const [pendingRemoval, setPendingRemoval] = useState<PendingRemoval | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const busy = indexing.progress !== null;
  const folders = useMemo(
    () =>
      (status?.folders ?? []).map((folder) =>
        protecting.has(folder.path) ? { ...folder, protected: protecting.get(folder.path) } : folder,
      ),
    [status, protecting],
  );

  const stages = status?.stages ?? [];

  const [protectError, setProtectError] = useState<string | null>(null);
  const setProtected = async (path: string, protect: boolean) => {
    setProtecting((current) => new Map(current).set(path, protect));
    try {
      await api.protectFolder({ path, protected: protect });
      setProtectError(null);
    } catch (failure) {
      setProtectError(describeError(failure));
    } finally {
      // The engine's libraryChanged refreshes too; this keeps the box true to the store if that is lost.
      reload();
    }
  };

  const confirmRemoval = async () => {
    if (!pendingRemoval) return;
    setRemoving(true);
    try {
      await api.removeFolder({ path: pendingRemoval.path });
      setRemoveError(null);
      reload();
    } catch (failure) {
      setRemoveError(describeError(failure));
    } finally {
      setRemoving(false);
      setPendingRemoval(null);
    }
  };

  return (
    <div className="screen library-screen">
      <header className="screen__header">
        <h1 className="screen__title">Library</h1>
        {status && (
          <p className="screen__subtitle" data-testid="library-summary">
            {plural(status.images, 'photo')} in {plural(folders.length, 'folder')} · stored{' '}
            {status.storage === 'embedded' ? 'on this computer' : 'on a ClickHouse server'}
          </p>
        )}
      </header>

      <AddFolderForm disabled={busy} onIndex={indexing.start} />

      {statusError && <ErrorMessage message={statusError} onRetry={reload} />}
      {indexing.error && <ErrorMessage message={indexing.error} />}
      {removeError && <ErrorMessage message={removeError} />}
      {protectError && <ErrorMessage message={protectError} />}

      {indexing.progress && (
        <IndexProgressPanel
          progress={indexing.progress}
          cancelling={indexing.cancelling}
          onCancel={indexing.cancel}
        />
      )}
      {(busy || stagesUnfinished(stages)) && <StagesPanel stages={stages} />}
      {!busy && indexing.lastResult && <IndexResultSummary result={indexing.lastResult} />}

      {status && folders.length === 0 && !busy && (
        <EmptyState title="Add a folder of photos to begin" testId="library-empty">
          <p>
            Doppel reads your photos to find the ones that look alike. It never changes or moves a file unless
            you ask it to.
          </p>
        </EmptyState>
      )}

      {folders.length > 0 && (
        <section className="panel" aria-labelledby="folders-title">
          <div className="section-header">
            <h2 id="folders-title" className="section-title">
              Folders
            </h2>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => indexing.start(folders.map((folder) => folder.path))}
              data-testid="rescan-all"
            >
              Update all
            </button>
          </div>
          <FolderList
            folders={folders}
            busy={busy}
            onRescan={(path) => indexing.start([path])}
            onRemove={(path, images) => setPendingRemoval({ path, images })}
            onProtect={(path, protect) => void setProtected(path, protect)}
          />
        </section>
      )}

      <IndexErrorList errors={indexErrors} />

      {pendingRemoval && (
        <ConfirmDialog
          title="Remove this folder from the library?"
          confirmLabel="Remove from library"
          busy={removing}
          onConfirm={confirmRemoval}
          onCancel={() => setPendingRemoval(null)}
        >
          <p className="dialog__path">{pendingRemoval.path}</p>
          <p>
            Doppel forgets the {plural(pendingRemoval.images, 'photo')} in this folder. The files themselves
            stay where they are.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
