import { useMemo } from 'react';
import type { DistanceLookup } from '../duplicates/distanceLookup';
import { describeGroupPhotos, type GroupView } from '../duplicates/groupViews';
import { relationText } from '../duplicates/relationText';
import { fileName } from '../format/paths';
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
  const photos = useMemo(
    () =>
      describeGroupPhotos(group, distanceBetween).map((view) => ({
        path: view.photo.path,
        title: fileName(view.photo.path),
        detail: `${view.photo.width} × ${view.photo.height} · ${relationText(view)}`,
        badge: view.isKeeper ? 'Keep' : undefined,
      })),
    [group, distanceBetween],
  );
  return (
    <FullImageViewer
      photos={photos}
      index={Math.min(index, photos.length - 1)}
      onIndexChange={onIndexChange}
      onClose={onClose}
    />
  );
}
