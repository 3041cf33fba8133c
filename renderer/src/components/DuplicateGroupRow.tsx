import { memo, useMemo } from 'react';
import type { DistanceLookup } from '../duplicates/distanceLookup';
import {
  canMarkNotDuplicates,
  describeGroupPhotos,
  type CopySetView,
  type GroupView,
} from '../duplicates/groupViews';
import { differingFields } from '../duplicates/photoFields';
import type { PhotoInfo } from '../../../shared/contract';
import { formatBytes } from '../format/formatBytes';
import { fileName } from '../format/paths';
import { plural } from '../format/formatCount';
import { KindBadge } from './KindBadge';
import { livesElsewhereSentence } from '../../../shared/machines/machine-paths';
import { PhotoCard } from './PhotoCard';

/** One stable object for all rows, so a row re-renders only when its own group or focus changes. */
export interface GroupRowHandlers {
  focusPhoto: (groupIndex: number, photoIndex: number) => void;
  keep: (group: GroupView, path: string, groupIndex: number) => void;
  open: (group: GroupView, photoIndex: number) => void;
  compare: (group: GroupView) => void;
  reveal: (path: string) => void;
  trashOthers: (group: GroupView) => void;
  /** "Move the others to a folder…" instead of the trash; absent where the screen offers no move. */
  moveOthers?: (group: GroupView) => void;
  notDuplicates: (group: GroupView) => void;
}

export interface DuplicateGroupRowProps {
  group: GroupView;
  index: number;
  distanceBetween: DistanceLookup;
  /** The focused photo's index in this group, or null when the group is not focused. */
  focusedPhoto: number | null;
  busy: boolean;
  canReveal: boolean;
  handlers: GroupRowHandlers;
}

// Memoised: scrolling re-renders the list on every frame, and the rows already on screen have not changed.
export const DuplicateGroupRow = memo(function DuplicateGroupRow(props: DuplicateGroupRowProps) {
  const { group, index, distanceBetween, focusedPhoto, busy, canReveal, handlers } = props;
  // Photos in a protected folder never go to the trash: the button moves the others and says so.
  const elsewhere = othersElsewhere(group);
  const others = group.photos.length - 1 - protectedOthers(group) - elsewhere.length;
  const keptProtected = group.photos.length - 1 - others - elsewhere.length;
  // Worked out here, for the rows on screen only, not for every group on every slider move.
  const photoViews = useMemo(() => describeGroupPhotos(group, distanceBetween), [group, distanceBetween]);
  const differing = useMemo(() => differingFields(group.photos), [group.photos]);
  const dismissible = canMarkNotDuplicates(group);
  // Only a similar group needs its copy sets framed: any other group is one copy set as a whole.
  const runs = useMemo(
    () => photoRuns(group.photos, group.kind === 'similar' ? group.copySets : []),
    [group],
  );
  return (
    <div
      className={`group-row${focusedPhoto !== null ? ' is-focused' : ''}`}
      data-testid="duplicate-group"
      data-group-id={group.id}
      data-kind={group.kind}
    >
      <div className="group-row__header">
        <KindBadge kind={group.kind} />
        <span className="group-row__summary" data-testid="group-summary">
          {plural(group.photos.length, 'photo')} · {formatBytes(group.reclaimableBytes)} to reclaim
          {runs.some((run) => run.set) && ` · ${plural(group.copySets.length, 'set')} of copies`}
        </span>
        <span className="group-row__actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => handlers.compare(group)}
            title="Compare the keeper with the next photos side by side, flip and see the differences (C)"
            data-testid="compare-group"
          >
            Compare
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => handlers.notDuplicates(group)}
            disabled={busy || !dismissible}
            title={
              dismissible
                ? 'These are different photos: stop showing them as a group (N)'
                : 'These files are byte-for-byte identical, so they are always duplicates'
            }
            data-testid="not-duplicates"
          >
            Not duplicates
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => handlers.trashOthers(group)}
            disabled={busy || others === 0}
            title={[
              keptProtected > 0
                ? `Move every photo except the keeper to the Trash (X); ${plural(keptProtected, 'photo')} in a protected folder ${keptProtected === 1 ? 'stays' : 'stay'}`
                : 'Move every photo except the keeper to the Trash (X)',
              ...elsewhere.map((machine) => livesElsewhereSentence(machine, 'move it to the Trash')),
            ].join('. ')}
            data-testid="trash-others"
          >
            Move {plural(others, 'other')} to Trash
          </button>
          {handlers.moveOthers && (
            <button
              type="button"
              className="button button--small"
              onClick={() => handlers.moveOthers?.(group)}
              disabled={busy}
              title="Move every photo except the keeper to a folder outside the library"
              data-testid="move-others"
            >
              Move to folder…
            </button>
          )}
        </span>
      </div>
      <div className="group-row__photos">
        {runs.map((run) => {
          const cards = photoViews.slice(run.start, run.end).map((view, offset) => {
            const photoIndex = run.start + offset;
            return (
              <PhotoCard
                key={view.photo.path}
                view={view}
                keeper={group.photos[0]!}
                differing={differing}
                focused={focusedPhoto === photoIndex}
                onFocus={() => handlers.focusPhoto(index, photoIndex)}
                onKeep={() => handlers.keep(group, view.photo.path, index)}
                onOpen={() => handlers.open(group, photoIndex)}
                onReveal={canReveal ? () => handlers.reveal(view.photo.path) : undefined}
                keeperReason={view.isKeeper ? group.keeperReason : null}
              />
            );
          });
          if (!run.set) return cards;
          const label = copySetLabel(run.set);
          return (
            <div
              key={`set:${run.set.photos[0]!.path}`}
              className="copy-set"
              role="group"
              aria-label={label}
              data-testid="copy-set"
            >
              <span className="copy-set__chip" aria-hidden="true" title={label}>
                {run.set.photos.length} copies
              </span>
              {cards}
            </div>
          );
        })}
      </div>
    </div>
  );
});

/** The computers of the members other than the keeper that live on another computer (a shared index). */
function othersElsewhere(group: GroupView): string[] {
  return group.photos.slice(1).flatMap((photo) => (photo.machine === undefined ? [] : [photo.machine]));
}

/** Members other than the keeper that are in a protected folder. */
function protectedOthers(group: GroupView): number {
  let count = 0;
  for (const photo of group.photos.slice(1)) if (group.protectedFolders.has(photo.path)) count++;
  return count;
}

interface PhotoRun {
  start: number;
  end: number;
  /** The copy set these photos make up, or null for similar shots with no copy. */
  set: CopySetView | null;
}

/** The row's photos cut into runs: each copy set (adjacent, see GroupView.photos) and the shots between. */
function photoRuns(photos: readonly PhotoInfo[], sets: readonly CopySetView[]): PhotoRun[] {
  const setOf = new Map<PhotoInfo, CopySetView>();
  for (const set of sets) for (const photo of set.photos) setOf.set(photo, set);
  const runs: PhotoRun[] = [];
  photos.forEach((photo, at) => {
    const set = setOf.get(photo) ?? null;
    const last = runs[runs.length - 1];
    if (last && last.set === set) last.end = at + 1;
    else runs.push({ start: at, end: at + 1, set });
  });
  return runs;
}

function copySetLabel(set: CopySetView): string {
  const what =
    set.kind === 'identical'
      ? 'identical files'
      : set.kind === 'raw+jpeg'
        ? 'RAW and JPEG of one shot'
        : 'copies of the same picture';
  return `${set.photos.length} ${what}, keeping ${fileName(set.photos[0]!.path)}`;
}
