import type { PhotoInfo } from '../../../shared/contract';
import { formatBytes } from '../format/formatBytes';
import { folderOf } from '../format/paths';
import { photoDate } from '../format/photoDate';

/** The facts a photographer compares to decide which copy to keep. */
export const photoFields = ['resolution', 'size', 'date', 'format', 'folder'] as const;
export type PhotoField = (typeof photoFields)[number];

/** Short, so the values get the card's width. */
export const photoFieldLabels: Record<PhotoField, string> = {
  resolution: 'Pixels',
  size: 'Size',
  date: 'Date',
  format: 'Format',
  folder: 'Folder',
};

/** The text shown for a field; equal text means "no difference worth pointing at". */
export function photoFieldText(photo: PhotoInfo, field: PhotoField): string {
  switch (field) {
    case 'resolution':
      return `${photo.width} × ${photo.height}`;
    case 'size':
      return formatBytes(photo.size);
    case 'date':
      return photoDate(photo).label;
    case 'format':
      return photo.format.toUpperCase();
    case 'folder':
      return folderOf(photo.path);
  }
}

/** What fits on a card: folders keep their last parts, which are the ones that tell them apart. */
export function photoFieldShortText(photo: PhotoInfo, field: PhotoField): string {
  const text = photoFieldText(photo, field);
  return field === 'folder' ? shortenFolder(text) : text;
}

function shortenFolder(folder: string): string {
  const parts = folder.split(/[\\/]/).filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : folder;
}

// Formatting (dates above all) is the slow part of regrouping a big library, and a photo's texts never change:
// photos are immutable graph entries, so the cache lives exactly as long as the graph that holds them.
const fieldTextCache = new WeakMap<PhotoInfo, Map<PhotoField, string>>();

function cachedFieldText(photo: PhotoInfo, field: PhotoField): string {
  let texts = fieldTextCache.get(photo);
  if (!texts) {
    texts = new Map();
    fieldTextCache.set(photo, texts);
  }
  let text = texts.get(field);
  if (text === undefined) {
    text = photoFieldText(photo, field);
    texts.set(field, text);
  }
  return text;
}

/** Fields whose shown value is not the same for every photo of the group. */
export function differingFields(photos: readonly PhotoInfo[]): Set<PhotoField> {
  const differing = new Set<PhotoField>();
  const first = photos[0];
  if (!first) return differing;
  for (const field of photoFields) {
    const reference = cachedFieldText(first, field);
    if (photos.some((photo) => cachedFieldText(photo, field) !== reference)) differing.add(field);
  }
  return differing;
}
