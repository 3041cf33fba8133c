import { useMemo } from 'react';
import type { DistanceLookup } from '../duplicates/distanceLookup';
import { describeGroupPhotos, type GroupView } from '../duplicates/groupViews';
import { relationText } from '../duplicates/relationText';
import { fileName } from '../format/paths';
import { CompareDialog } from './CompareDialog';

export interface GroupCompareDialogProps {
  group: GroupView;
  distanceBetween: DistanceLookup;
  initialPicks: readonly string[];
  onClose: () => void;
}

/** The compare view over one group's photos, captioned with size and relation to the keeper. */
export function GroupCompareDialog({
  group,
  distanceBetween,
  initialPicks,
  onClose,
}: GroupCompareDialogProps) {
  const photos = useMemo(
    () =>
      describeGroupPhotos(group, distanceBetween).map((view) => ({
        path: view.photo.path,
        title: fileName(view.photo.path),
        detail: `${view.photo.width} × ${view.photo.height} · ${relationText(view)}`,
        badge: view.isKeeper ? 'Keep' : undefined,
        width: view.photo.width,
        height: view.photo.height,
      })),
    [group, distanceBetween],
  );
  return <CompareDialog photos={photos} initialPicks={initialPicks} onClose={onClose} />;
}
