import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { BulkTrashDialog } from '../components/BulkTrashDialog';
import { DuplicateGroupRow } from '../components/DuplicateGroupRow';
import { DuplicatesToolbar } from '../components/DuplicatesToolbar';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { FullImageViewer } from '../components/FullImageViewer';
import { NoticeBar } from '../components/Notice';
import { VirtualList, type VirtualListHandle } from '../components/VirtualList';
import { planBulkTrash } from '../duplicates/bulkTrashPlan';
import {
  filterAndSortGroups,
  kindLabels,
  summariseGroups,
  type GroupSort,
  type KindFilter,
} from '../duplicates/groupOrdering';
import { pathsOtherThanKeeper, type GroupView } from '../duplicates/groupViews';
import { relationText } from '../duplicates/relationText';
import { chooseKeeper, noKeeperChoices, type KeeperChoices } from '../duplicates/keeperChoices';
import { fileName } from '../format/paths';
import { useDuplicateActions } from '../hooks/useDuplicateActions';
import { useDuplicateGraph } from '../hooks/useDuplicateGraph';
import { useDuplicateGroups } from '../hooks/useDuplicateGroups';
import { useDuplicatesKeyboard } from '../hooks/useDuplicatesKeyboard';
import { useNotice } from '../hooks/useNotice';

/** Every row has the same height so the list can be windowed by arithmetic alone; the CSS is built around it. */
export const groupRowHeight = 412;

interface Focus {
  group: number;
  photo: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

export function DuplicatesScreen({ active, onGoToLibrary }: { active: boolean; onGoToLibrary?: () => void }) {
  const { graph, loading, error, reload, editGraph } = useDuplicateGraph(active);
  const { notice, show: showNotice, dismiss: dismissNotice } = useNotice();
  const actions = useDuplicateActions(editGraph, showNotice);

  const [chosenThreshold, setChosenThreshold] = useState<number | null>(null);
  const [choices, setChoices] = useState<KeeperChoices>(noKeeperChoices);
  const [filter, setFilter] = useState<KindFilter>('all');
  const [sort, setSort] = useState<GroupSort>('space');
  const [focus, setFocus] = useState<Focus>({ group: 0, photo: 0 });
  const [viewer, setViewer] = useState<{ groupId: string; index: number } | null>(null);
  const [confirmingBulk, setConfirmingBulk] = useState(false);
  const listRef = useRef<VirtualListHandle>(null);

  const maxThreshold = graph?.maxDistance ?? 0;
  const thresholdFor = (chosen: number | null) =>
    clamp(chosen ?? graph?.defaultThreshold ?? 0, 0, maxThreshold);
  // Only the user's slider moves are deferred: the slider stays smooth while a huge library regroups behind it,
  // and a freshly loaded graph is grouped at its default threshold at once, with no stale first paint.
  const deferredChoice = useDeferredValue(chosenThreshold);
  const threshold = thresholdFor(chosenThreshold);
  const groupingThreshold = thresholdFor(deferredChoice);
  const regrouping = groupingThreshold !== threshold;
  const groups = useDuplicateGroups(graph, groupingThreshold, choices);
  const visible = useMemo(() => filterAndSortGroups(groups, filter, sort), [groups, filter, sort]);
  const summary = useMemo(() => summariseGroups(visible), [visible]);
  const bulkPlan = useMemo(() => planBulkTrash(visible), [visible]);

  // Focus is kept as indices and clamped here, so after a trash the next group slides into the focused place.
  const focusedGroupIndex = clamp(focus.group, 0, Math.max(0, visible.length - 1));
  const focusedGroup: GroupView | undefined = visible[focusedGroupIndex];
  const focusedPhotoIndex = clamp(focus.photo, 0, Math.max(0, (focusedGroup?.photos.length ?? 1) - 1));
  const focusedPhoto = focusedGroup?.photos[focusedPhotoIndex];

  const keep = useCallback((group: GroupView, path: string, groupIndex: number) => {
    setChoices((current) =>
      chooseKeeper(
        current,
        group.photos.map((view) => view.photo.path),
        path,
      ),
    );
    // The keeper moves to the front of its row; the focus follows it.
    setFocus({ group: groupIndex, photo: 0 });
  }, []);

  const groupPaths = (group: GroupView) => group.photos.map((view) => view.photo.path);

  const viewerGroup = viewer ? visible.find((group) => group.id === viewer.groupId) : undefined;

  useDuplicatesKeyboard(active && !viewerGroup && !confirmingBulk, {
    moveGroup: (delta) => {
      const next = clamp(focusedGroupIndex + delta, 0, Math.max(0, visible.length - 1));
      setFocus({ group: next, photo: focusedPhotoIndex });
      listRef.current?.scrollToRow(next);
    },
    movePhoto: (delta) => {
      if (!focusedGroup) return;
      setFocus({
        group: focusedGroupIndex,
        photo: clamp(focusedPhotoIndex + delta, 0, focusedGroup.photos.length - 1),
      });
    },
    keepFocused: () => {
      if (focusedGroup && focusedPhoto) keep(focusedGroup, focusedPhoto.photo.path, focusedGroupIndex);
    },
    trashFocused: () => {
      if (!focusedGroup || !focusedPhoto || focusedGroup.photos.length < 2 || actions.busy) return;
      void actions.trash([focusedPhoto.photo.path]);
    },
    notDuplicatesFocused: () => {
      if (!focusedGroup || !focusedGroup.canMarkNotDuplicates || actions.busy) return;
      void actions.markNotDuplicates(groupPaths(focusedGroup));
    },
    openFocused: () => {
      if (focusedGroup) setViewer({ groupId: focusedGroup.id, index: focusedPhotoIndex });
    },
  });

  const confirmBulkTrash = async () => {
    await actions.trash(bulkPlan.paths);
    setConfirmingBulk(false);
  };

  if (!graph) {
    return (
      <div className="screen duplicates-screen">
        <ScreenHeader />
        {error ? (
          <ErrorMessage message={error} onRetry={reload} />
        ) : (
          <p className="muted" data-testid="duplicates-loading">
            {loading ? 'Looking for duplicates…' : ''}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="screen duplicates-screen">
      <ScreenHeader />
      {error && <ErrorMessage message={error} onRetry={reload} />}
      {graph.photos.length === 0 ? (
        <EmptyState title="Your library is empty" testId="duplicates-empty">
          <p>Add a folder of photos in Library first; Doppel then shows the duplicates here.</p>
          {onGoToLibrary && (
            <button type="button" className="button button--primary" onClick={onGoToLibrary}>
              Go to Library
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          <DuplicatesToolbar
            threshold={threshold}
            maxThreshold={maxThreshold}
            onThresholdChange={setChosenThreshold}
            filter={filter}
            onFilterChange={setFilter}
            sort={sort}
            onSortChange={setSort}
            summary={summary}
            regrouping={regrouping}
            bulkPlan={bulkPlan}
            busy={actions.busy}
            onBulkTrash={() => setConfirmingBulk(true)}
          />
          {graph.model === null && (
            <p className="muted">
              The image model has not analysed these photos yet, so only identical files and re-saved copies
              are shown.
            </p>
          )}
          {visible.length === 0 ? (
            <EmptyState title="No duplicates at this setting" testId="duplicates-none">
              <p>
                {filter === 'all'
                  ? 'Move the Similarity slider to the right to group photos that are less alike.'
                  : `There are no ${kindLabels[filter].toLowerCase()} groups. Choose “All kinds” to see the others.`}
              </p>
            </EmptyState>
          ) : (
            <VirtualList
              ref={listRef}
              rowCount={visible.length}
              rowHeight={groupRowHeight}
              label="Duplicate groups"
              rowKey={(index) => visible[index]!.id}
              testId="duplicate-list"
              renderRow={(index) => {
                const group = visible[index]!;
                return (
                  <DuplicateGroupRow
                    group={group}
                    focusedPhoto={index === focusedGroupIndex ? focusedPhotoIndex : null}
                    busy={actions.busy}
                    canReveal={actions.canReveal}
                    onFocusPhoto={(photo) => setFocus({ group: index, photo })}
                    onKeep={(path) => keep(group, path, index)}
                    onOpen={(photo) => setViewer({ groupId: group.id, index: photo })}
                    onReveal={actions.reveal}
                    onTrashOthers={() => void actions.trash(pathsOtherThanKeeper(group))}
                    onNotDuplicates={() => void actions.markNotDuplicates(groupPaths(group))}
                  />
                );
              }}
            />
          )}
          <p className="keyboard-hint muted">
            ← → photos · ↑ ↓ groups · K keep · T trash · N not duplicates · Enter full size
          </p>
        </>
      )}
      {viewer && viewerGroup && (
        <FullImageViewer
          photos={viewerGroup.photos.map((view) => ({
            path: view.photo.path,
            title: fileName(view.photo.path),
            detail: `${view.photo.width} × ${view.photo.height} · ${relationText(view)}`,
            badge: view.isKeeper ? 'Keep' : undefined,
          }))}
          index={Math.min(viewer.index, viewerGroup.photos.length - 1)}
          onIndexChange={(index) => setViewer({ groupId: viewerGroup.id, index })}
          onClose={() => setViewer(null)}
        />
      )}
      {confirmingBulk && (
        <BulkTrashDialog
          plan={bulkPlan}
          busy={actions.busy}
          onConfirm={confirmBulkTrash}
          onCancel={() => setConfirmingBulk(false)}
        />
      )}
      <NoticeBar notice={notice} onDismiss={dismissNotice} />
    </div>
  );
}

function ScreenHeader() {
  return (
    <header className="screen__header">
      <h1 className="screen__title">Duplicates</h1>
      <p className="screen__subtitle">
        Photos that look alike, grouped. The suggested keeper comes first in each row.
      </p>
    </header>
  );
}
