import { formatDistance } from '../format/formatDistance';
import type { PhotoView } from './groupViews';

/** How a photo relates to its group's keeper, in words. */
export function relationText(view: PhotoView): string {
  switch (view.relation) {
    case 'suggested-keeper':
      return 'Suggested';
    case 'chosen-keeper':
      return 'Your choice';
    case 'identical':
      return 'Identical file';
    case 'raw+jpeg':
      return 'RAW + JPEG of one shot';
    case 'same-picture':
      return view.distanceToKeeper === null
        ? 'Same picture'
        : `Same picture · ${formatDistance(view.distanceToKeeper)}`;
    case 'similar':
      return view.distanceToKeeper === null ? 'Similar' : `Distance ${formatDistance(view.distanceToKeeper)}`;
    case 'unrelated':
      return 'Not compared';
  }
}
