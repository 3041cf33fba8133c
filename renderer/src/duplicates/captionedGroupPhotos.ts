import { fileName } from '../format/paths';
import type { DistanceLookup } from './distanceLookup';
import { describeGroupPhotos, type GroupView } from './groupViews';
import { relationText } from './relationText';

/** A group's photo as the full-size viewer and the compare view caption it. */
export interface CaptionedPhoto {
  path: string;
  title: string;
  /** Its size and how it relates to the keeper. */
  detail: string;
  badge?: string;
  width: number;
  height: number;
  /** The computer it lives on, when it is another computer's (a shared index). */
  machine?: string;
}

/** One group's photos, keeper first, each captioned with its size and its relation to the keeper. */
export function captionedGroupPhotos(group: GroupView, distanceBetween: DistanceLookup): CaptionedPhoto[] {
  return describeGroupPhotos(group, distanceBetween).map((view) => ({
    path: view.photo.path,
    title: fileName(view.photo.path),
    detail: `${view.photo.width} × ${view.photo.height} · ${relationText(view)}`,
    badge: view.isKeeper ? 'Keep' : undefined,
    width: view.photo.width,
    height: view.photo.height,
    ...(view.photo.machine ? { machine: view.photo.machine } : {}),
  }));
}
