import { formatBytes } from '../format/formatBytes';
import { plural } from '../format/formatCount';
import type { GroupView } from '../duplicates/groupViews';
import { KindBadge } from './KindBadge';
import { PhotoCard } from './PhotoCard';

export interface DuplicateGroupRowProps {
  group: GroupView;
  /** The focused photo's index in this group, or null when the group is not focused. */
  focusedPhoto: number | null;
  busy: boolean;
  canReveal: boolean;
  onFocusPhoto: (photoIndex: number) => void;
  onKeep: (path: string) => void;
  onOpen: (photoIndex: number) => void;
  onReveal: (path: string) => void;
  onTrashOthers: () => void;
  onNotDuplicates: () => void;
}

export function DuplicateGroupRow(props: DuplicateGroupRowProps) {
  const { group, focusedPhoto, busy, canReveal } = props;
  const others = group.photos.length - 1;
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
            onClick={props.onNotDuplicates}
            disabled={busy || !group.canMarkNotDuplicates}
            title={
              group.canMarkNotDuplicates
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
            onClick={props.onTrashOthers}
            disabled={busy}
            title="Move every photo except the keeper to the Trash"
            data-testid="trash-others"
          >
            Move {plural(others, 'other')} to Trash
          </button>
        </span>
      </div>
      <div className="group-row__photos">
        {group.photos.map((view, index) => (
          <PhotoCard
            key={view.photo.path}
            view={view}
            differing={group.differing}
            focused={focusedPhoto === index}
            onFocus={() => props.onFocusPhoto(index)}
            onKeep={() => props.onKeep(view.photo.path)}
            onOpen={() => props.onOpen(index)}
            onReveal={canReveal ? () => props.onReveal(view.photo.path) : undefined}
          />
        ))}
      </div>
    </div>
  );
}
