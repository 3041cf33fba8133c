import { memo, useMemo } from 'react';
import type { DistanceLookup } from '../duplicates/distanceLookup';
import { canMarkNotDuplicates, describeGroupPhotos, type GroupView } from '../duplicates/groupViews';
import { differingFields } from '../duplicates/photoFields';
import { formatBytes } from '../format/formatBytes';
import { plural } from '../format/formatCount';
import { KindBadge } from './KindBadge';
import { PhotoCard } from './PhotoCard';

/** One stable object for all rows, so a row re-renders only when its own group or focus changes. */
export interface GroupRowHandlers {
  focusPhoto: (groupIndex: number, photoIndex: number) => void;
  keep: (group: GroupView, path: string, groupIndex: number) => void;
  open: (group: GroupView, photoIndex: number) => void;
  reveal: (path: string) => void;
  trashOthers: (group: GroupView) => void;
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
  const others = group.photos.length - 1;
  // Worked out here, for the rows on screen only, not for every group on every slider move.
  const photoViews = useMemo(() => describeGroupPhotos(group, distanceBetween), [group, distanceBetween]);
  const differing = useMemo(() => differingFields(group.photos), [group.photos]);
  const dismissible = canMarkNotDuplicates(group);
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
        </span>
        <span className="group-row__actions">
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
            disabled={busy}
            title="Move every photo except the keeper to the Trash (X)"
            data-testid="trash-others"
          >
            Move {plural(others, 'other')} to Trash
          </button>
        </span>
      </div>
      <div className="group-row__photos">
        {photoViews.map((view, photoIndex) => (
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
          />
        ))}
      </div>
    </div>
  );
});
