import type { PhotoInfo } from '../../../shared/contract';

// Short and locale-aware: it must fit on a card beside its label, and two dates must be easy to compare.
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export interface PhotoDate {
  label: string;
  /** True when the camera's capture time was known, false when it is the file's modification time. */
  fromCamera: boolean;
}

export function photoDate(photo: PhotoInfo): PhotoDate {
  const taken = photo.takenAt ? Date.parse(photo.takenAt) : NaN;
  if (Number.isFinite(taken)) return { label: dateFormat.format(taken), fromCamera: true };
  return { label: dateFormat.format(photo.mtimeMs), fromCamera: false };
}
