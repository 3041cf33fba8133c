import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { SamePictureLevel } from '../../../shared/contract';
import { clampThreshold } from '../../../shared/duplicates/policy';
import { DEFAULT_SAME_PICTURE_LEVEL } from '../../../shared/duplicates/same-picture-levels';
import { livesElsewhereSentence } from '../../../shared/machines/machine-paths';
import { BulkTrashDialog } from '../components/BulkTrashDialog';
import { DuplicateGroupRow, type GroupRowHandlers } from '../components/DuplicateGroupRow';
import { DuplicatesToolbar } from '../components/DuplicatesToolbar';
import { EmptyState } from '../components/EmptyState';
import { ExportGroupsButtons } from '../components/ExportGroupsButtons';
import { ErrorMessage } from '../components/ErrorMessage';
import { GroupCompareDialog } from '../components/GroupCompareDialog';
import { GroupPhotoViewer } from '../components/GroupPhotoViewer';
import { initialPicks } from '../compare/comparePicks';
import { KeepMetadataToggle } from '../components/KeepMetadataToggle';
import { NoticeBar } from '../components/Notice';
import { StagesPanel, stagesUnfinished } from '../components/StagesPanel';
import { plural } from '../format/formatCount';
import { fileName } from '../format/paths';
import { VirtualList, type VirtualListHandle } from '../components/VirtualList';
import { planBulkTrash } from '../duplicates/bulkTrashPlan';
import {
  countHiddenByDefault,
  filterAndSortGroups,
  kindLabels,
  summariseGroups,
  type GroupSort,
  type KindFilter,
} from '../duplicates/groupOrdering';
import {
  canMarkNotDuplicates,
  groupPaths,
  pathsOtherThanKeeper,
  type GroupView,
} from '../duplicates/groupViews';
import { chooseKeeper, noKeeperChoices, type KeeperChoices } from '../duplicates/keeperChoices';
import { useDuplicateActions } from '../hooks/useDuplicateActions';
import { useDuplicateGraph } from '../hooks/useDuplicateGraph';
import { useDuplicateGroups } from '../hooks/useDuplicateGroups';
import { useDuplicatesKeyboard } from '../hooks/useDuplicatesKeyboard';
import { useGroupFocus } from '../hooks/useGroupFocus';
import { useLatestRef } from '../hooks/useLatestRef';
import { useMoveToFolder } from '../hooks/useMoveToFolder';
import { useNotice } from '../hooks/useNotice';
import { useStatus } from '../hooks/useStatus';

/** Every row has the same height so the list can be windowed by arithmetic alone; the CSS is built around it. */
export const groupRowHeight = 412;

export function DuplicatesScreen({ active, onGoToLibrary }: { active: boolean; onGoToLibrary?: () => void }) {
  const { graph, loading, error, reload, editGraph } = useDuplicateGraph(active);
  const { notice, show: showNotice, dismiss: dismissNotice } = useNotice();
  const actions = useDuplicateActions(editGraph, showNotice);
  // While indexing runs (or the model is awaited) the groups grow: say which stages are still to come.
  const stages = useStatus({ active }).status?.stages ?? [];
  const stillFinding = stagesUnfinished(stages);
  const stagesPanel = stillFinding ? <StagesPanel stages={stages} /> : null;
  const mover = useMoveToFolder(editGraph, showNotice);

  const [chosenThreshold, setChosenThreshold] = useState<number | null>(null);
  const [samePictureLevel, setSamePictureLevel] = useState<SamePictureLevel>(DEFAULT_SAME_PICTURE_LEVEL);
  const [choices, setChoices] = useState<KeeperChoices>(noKeeperChoices);
  const [filter, setFilter] = useState<KindFilter>('all');
  const [sort, setSort] = useState<GroupSort>('space');
  const [viewer, setViewer] = useState<{ groupId: string; index: number } | null>(null);
  const [confirmingBulk, setConfirmingBulk] = useState(false);
  const [comparing, setComparing] = useState<{ groupId: string; picks: string[] } | null>(null);
  const listRef = useRef<VirtualListHandle>(null);

  const maxThreshold = graph?.maxDistance ?? 0;
  const thresholdFor = (chosen: number | null) => (graph ? clampThreshold(graph, chosen) : 0);
  // Only the user's slider moves are deferred: the slider stays smooth while a huge library regroups behind it,
  // and a freshly loaded graph is grouped at its default threshold at once, with no stale first paint.
  const deferredChoice = useDeferredValue(chosenThreshold);
  const threshold = thresholdFor(chosenThreshold);
  const groupingThreshold = thresholdFor(deferredChoice);
  const { groups, distanceBetween } = useDuplicateGroups(graph, groupingThreshold, choices, samePictureLevel);
  const visible = useMemo(() => filterAndSortGroups(groups, filter, sort), [groups, filter, sort]);
  const summary = useMemo(() => summariseGroups(visible, filter), [visible, filter]);
  const hiddenPairs = useMemo(() => (filter === 'all' ? countHiddenByDefault(groups) : 0), [groups, filter]);
  const bulkPlan = useMemo(() => planBulkTrash(visible), [visible]);
  const focus = useGroupFocus(visible);
  const focusedPhoto = focus.group?.photos[focus.photoIndex];
  const viewerGroup = viewer ? visible.find((group) => group.id === viewer.groupId) : undefined;
  const compareGroup = comparing ? visible.find((group) => group.id === comparing.groupId) : undefined;
  const compare = (group: GroupView, focusedPath?: string) =>
    setComparing({ groupId: group.id, picks: initialPicks(groupPaths(group), focusedPath) });

  const keep = (group: GroupView, path: string, groupIndex: number) => {
    setChoices((current) => chooseKeeper(current, groupPaths(group), path));
    // The keeper moves to the front of its row; the focus follows it.
    focus.setFocus(groupIndex, 0, path);
  };

  const latestHandlers = useLatestRef<GroupRowHandlers>({
    focusPhoto: focus.setFocus,
    keep,
    open: (group, photoIndex) => setViewer({ groupId: group.id, index: photoIndex }),
    compare: (group) => compare(group),
    reveal: actions.reveal,
    trashOthers: (group) => void actions.trash(pathsOtherThanKeeper(group), [othersOf(group)]),
    moveOthers: (group) => mover.start(pathsOtherThanKeeper(group), [othersOf(group)]),
    notDuplicates: (group) => void actions.markNotDuplicates(groupPaths(group)),
  });
  // Stable for the screen's lifetime, each call forwarding to the latest closures above.
  const rowHandlers = useMemo<GroupRowHandlers>(
    () => ({
      focusPhoto: (...args) => latestHandlers.current.focusPhoto(...args),
      keep: (...args) => latestHandlers.current.keep(...args),
      open: (...args) => latestHandlers.current.open(...args),
      compare: (...args) => latestHandlers.current.compare(...args),
      reveal: (...args) => latestHandlers.current.reveal(...args),
      trashOthers: (...args) => latestHandlers.current.trashOthers(...args),
      moveOthers: (...args) => latestHandlers.current.moveOthers?.(...args),
      notDuplicates: (...args) => latestHandlers.current.notDuplicates(...args),
    }),
    [latestHandlers],
  );

  useDuplicatesKeyboard(active && !viewerGroup && !compareGroup && !confirmingBulk && !mover.dialog, {
    moveGroup: (delta) => {
      const next = focus.moveGroup(delta);
      listRef.current?.scrollToRow(next);
    },
    movePhoto: focus.movePhoto,
    keepFocused: () => {
      if (focus.group && focusedPhoto) keep(focus.group, focusedPhoto.path, focus.groupIndex);
    },
    trashFocused: () => {
      if (!focus.group || !focusedPhoto || focus.group.photos.length < 2 || actions.busy) return;
      const shield = focus.group.protectedFolders.get(focusedPhoto.path);
      if (shield) {
        showNotice(protectedNotice(focusedPhoto.path, shield));
        return;
      }
      // Another computer's photo (a shared index): the engine would refuse it too, naming where it lives.
      if (focusedPhoto.machine !== undefined) {
        showNotice(livesElsewhereSentence(focusedPhoto.machine, 'move it to the Trash'));
        return;
      }
      void actions.trash([focusedPhoto.path], [othersOf(focus.group)]);
    },
    trashOthersInFocusedGroup: () => {
      if (!focus.group || actions.busy) return;
      void actions.trash(pathsOtherThanKeeper(focus.group), [othersOf(focus.group)]);
    },
    notDuplicatesFocused: () => {
      if (!focus.group || !canMarkNotDuplicates(focus.group) || actions.busy) return;
      void actions.markNotDuplicates(groupPaths(focus.group));
    },
    openFocused: () => {
      if (focusedPhoto?.machine !== undefined) {
        showNotice(livesElsewhereSentence(focusedPhoto.machine, 'open it full size'));
        return;
      }
      if (focus.group) setViewer({ groupId: focus.group.id, index: focus.photoIndex });
    },
    compareFocused: () => {
      if (focus.group) compare(focus.group, focusedPhoto?.path);
    },
  });

  const confirmBulkTrash = async () => {
    // Each copy set's keeper may take the metadata of its copies the plan trashes.
    const sets = visible.flatMap((group) => group.copySets.map((set) => othersOf(set)));
    await actions.trash(bulkPlan.paths, sets);
    setConfirmingBulk(false);
  };

  if (!graph || !distanceBetween) {
    return (
      <div className="screen duplicates-screen">
        <ScreenHeader />
        {stagesPanel}
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
      {stagesPanel}
      {error && <ErrorMessage message={error} onRetry={reload} />}
      {graph.photos.length === 0 && stillFinding ? (
        <FindingState />
      ) : graph.photos.length === 0 ? (
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
            samePictureLevel={samePictureLevel}
            onSamePictureLevelChange={setSamePictureLevel}
            filter={filter}
            onFilterChange={setFilter}
            sort={sort}
            onSortChange={setSort}
            summary={summary}
            regrouping={groupingThreshold !== threshold}
            bulkPlan={bulkPlan}
            busy={actions.busy}
            onBulkTrash={() => setConfirmingBulk(true)}
            hiddenPairs={hiddenPairs}
          />
          {visible.length > 0 && (
            <ExportGroupsButtons
              groups={visible}
              distanceBetween={distanceBetween}
              threshold={groupingThreshold}
            />
          )}
          {graph.model === null && (
            <p className="muted">
              The image model has not analysed these photos yet, so only identical files and re-saved copies
              are shown.
            </p>
          )}
          {visible.length === 0 && stillFinding && filter === 'all' ? (
            <FindingState />
          ) : visible.length === 0 ? (
            <NoGroupsState
              filter={filter}
              atLoosest={threshold >= maxThreshold}
              photos={graph.photos.length}
              onShowAllKinds={() => setFilter('all')}
              onLoosen={() => setChosenThreshold(maxThreshold)}
              onGoToLibrary={onGoToLibrary}
            />
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
                    index={index}
                    distanceBetween={distanceBetween}
                    focusedPhoto={index === focus.groupIndex ? focus.photoIndex : null}
                    busy={actions.busy}
                    canReveal={actions.canReveal}
                    handlers={rowHandlers}
                  />
                );
              }}
            />
          )}
          {visible.length > 0 && <KeepMetadataToggle />}
          {visible.length > 0 && (
            <p className="keyboard-hint muted">
              ← → photos · ↑ ↓ groups · K keep · T trash · X trash all but the keeper · N not duplicates ·
              Enter full size · C compare
            </p>
          )}
        </>
      )}
      {viewer && viewerGroup && (
        <GroupPhotoViewer
          group={viewerGroup}
          distanceBetween={distanceBetween}
          index={viewer.index}
          onIndexChange={(index) => setViewer({ groupId: viewerGroup.id, index })}
          onClose={() => setViewer(null)}
        />
      )}
      {comparing && compareGroup && (
        <GroupCompareDialog
          group={compareGroup}
          distanceBetween={distanceBetween}
          initialPicks={comparing.picks}
          onClose={() => setComparing(null)}
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
      {mover.dialog}
      <NoticeBar notice={notice} onDismiss={dismissNotice} />
    </div>
  );
}

/** Nothing to show yet, but the stages are still at work: the groups appear here as they are found. */
function FindingState() {
  return (
    <EmptyState title="No duplicates found yet" testId="duplicates-finding">
      <p>
        Doppel is still reading your photos. Groups appear here as they are found; you can start on them then.
      </p>
    </EmptyState>
  );
}

/** Why T does nothing on a photo of a protected folder (the engine would refuse it too). */
function protectedNotice(path: string, folder: string): string {
  return `${fileName(path)} is in a protected folder (${fileName(folder)}); Doppel never trashes it.`;
}

/** A group's keeper and the others, whose metadata the keeper's sidecar may take before they go. */
function othersOf(group: Pick<GroupView, 'photos'>): { keeper: string; copies: string[] } {
  return { keeper: group.photos[0]!.path, copies: group.photos.slice(1).map((photo) => photo.path) };
}

/** No group to show: say why, and offer the next step (another filter, a looser setting, more folders). */
function NoGroupsState(props: {
  filter: KindFilter;
  atLoosest: boolean;
  photos: number;
  onShowAllKinds: () => void;
  onLoosen: () => void;
  onGoToLibrary?: () => void;
}) {
  if (props.filter !== 'all') {
    return (
      <EmptyState title={`No ${kindLabels[props.filter].toLowerCase()} groups`} testId="duplicates-none">
        <p>Nothing of this kind at this setting. The other kinds may still have duplicates.</p>
        <button type="button" className="button button--primary" onClick={props.onShowAllKinds}>
          Show all kinds
        </button>
      </EmptyState>
    );
  }
  if (!props.atLoosest) {
    return (
      <EmptyState title="No duplicates at this setting" testId="duplicates-none">
        <p>
          No identical files or re-saved copies among your {plural(props.photos, 'photo')}. To group photos
          that are less alike (retakes, bursts), move the Similarity slider to the right.
        </p>
        <button type="button" className="button button--primary" onClick={props.onLoosen}>
          Show less alike photos
        </button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No duplicates found" testId="duplicates-none">
      <p>
        None of your {plural(props.photos, 'photo')} look alike, even at the loosest setting. Add more folders
        in Library to compare them too.
      </p>
      {props.onGoToLibrary && (
        <button type="button" className="button button--primary" onClick={props.onGoToLibrary}>
          Go to Library
        </button>
      )}
    </EmptyState>
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
