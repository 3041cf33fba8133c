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
        In {plural(plan.groups, 'identical or same-picture group')}, every photo except the keeper goes to the
        Trash. This frees <strong>{formatBytes(plan.bytes)}</strong>.
      </p>
      <p className="muted">Similar groups are left alone. You can restore the files from the Trash.</p>
    </ConfirmDialog>
  );
}
