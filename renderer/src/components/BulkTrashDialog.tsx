import type { BulkTrashPlan } from '../duplicates/bulkTrashPlan';
import { formatBytes } from '../format/formatBytes';
import { plural } from '../format/formatCount';
import { ConfirmDialog } from './ConfirmDialog';

export function BulkTrashDialog({
  plan,
  busy,
  onConfirm,
  onCancel,
}: {
  plan: BulkTrashPlan;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Move ${plural(plan.paths.length, 'photo')} to the Trash?`}
      confirmLabel={`Move ${plural(plan.paths.length, 'photo')} to Trash`}
      destructive
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p data-testid="confirm-summary">
        In {plural(plan.groups, 'group')}
        {plan.setsInSimilarGroups > 0 &&
          ` (with ${plural(plan.setsInSimilarGroups, 'set')} of copies inside similar groups)`}
        , identical copies of the keeper and same-picture copies no larger than it go to the Trash. This frees{' '}
        <strong>{formatBytes(plan.bytes)}</strong>.
      </p>
      {plan.leftForReview > 0 && (
        <p data-testid="confirm-left-for-review">
          {plural(plan.leftForReview, 'copy', 'copies')} {plan.leftForReview === 1 ? 'stays' : 'stay'} for you
          to review: more pixels or a larger file than the keeper (perhaps an edit), or a RAW+JPEG set the
          keeper is not part of.
        </p>
      )}
      {plan.protectedKept > 0 && (
        <p data-testid="confirm-protected-kept">
          {plural(plan.protectedKept, 'photo')} in a protected folder{' '}
          {plan.protectedKept === 1 ? 'stays' : 'stay'} (always the keeper of its copies): Doppel never
          trashes a photo in a protected folder.
        </p>
      )}
      <p className="muted">
        Similar shots and RAW+JPEG pairs are left alone: in a similar group only the copies of one picture go,
        and each set of copies keeps its keeper. The keeper’s own RAW or JPEG twin stays with it. You can
        restore the files from the Trash.
      </p>
    </ConfirmDialog>
  );
}
