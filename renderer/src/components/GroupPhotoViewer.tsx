import { useMemo } from 'react';
import { captionedGroupPhotos } from '../duplicates/captionedGroupPhotos';
import type { DistanceLookup } from '../duplicates/distanceLookup';
import type { GroupView } from '../duplicates/groupViews';
import { FullImageViewer } from './FullImageViewer';

export interface GroupPhotoViewerProps {
  group: GroupView;
  distanceBetween: DistanceLookup;
  index: number;
  onIndexChange: (index: number) => void;
  onClose: () => void;
}

/** The full-size viewer over one group's photos, captioned with size and relation to the keeper. */
export function GroupPhotoViewer({
  group,
  distanceBetween,
  index,
  onIndexChange,
  onClose,
}: GroupPhotoViewerProps) {
  const photos = useMemo(() => captionedGroupPhotos(group, distanceBetween), [group, distanceBetween]);
  return (
    <FullImageViewer
      photos={photos}
      index={Math.min(index, photos.length - 1)}
      onIndexChange={onIndexChange}
      onClose={onClose}
    />
  );
}
