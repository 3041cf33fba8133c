import { useMemo } from 'react';
import { captionedGroupPhotos } from '../duplicates/captionedGroupPhotos';
import type { DistanceLookup } from '../duplicates/distanceLookup';
import type { GroupView } from '../duplicates/groupViews';
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
  const photos = useMemo(() => captionedGroupPhotos(group, distanceBetween), [group, distanceBetween]);
  return <CompareDialog photos={photos} initialPicks={initialPicks} onClose={onClose} />;
}
