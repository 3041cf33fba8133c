import type { DuplicateKind } from '../../../shared/contract';
import { kindLabels } from '../duplicates/groupOrdering';

const kindHints: Record<DuplicateKind, string> = {
  identical: 'The files are byte-for-byte the same',
  'raw+jpeg': 'A camera RAW and the JPEG the camera saved with it: one shot, kept twice on purpose',
  'same-picture': 'The same picture, saved at another size, quality or format',
  similar: 'Photos that look alike, such as shots from the same burst',
};

export function KindBadge({ kind }: { kind: DuplicateKind }) {
  return (
    <span
      className={`badge badge--${kind}`}
      title={kindHints[kind]}
      data-testid="group-kind"
      data-kind={kind}
    >
      {kindLabels[kind]}
    </span>
  );
}
