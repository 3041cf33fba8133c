import type { PhotoInfo } from '../../../shared/contract';
import {
  photoFieldLabels,
  photoFieldShortText,
  photoFieldText,
  photoFields,
  type PhotoField,
} from '../duplicates/photoFields';
import { photoDate } from '../format/photoDate';

/**
 * The facts to compare. `data-differs` marks the fields that vary inside the group. The highlight goes only
 * where a copy differs from the keeper (so the eye goes straight to what this copy lacks or adds), and the
 * keeper's own varying fields get a quiet mark instead of a wall of colour on every card.
 */
export function PhotoFieldList({
  photo,
  keeper,
  differing,
}: {
  photo: PhotoInfo;
  keeper: PhotoInfo;
  differing: ReadonlySet<PhotoField>;
}) {
  const isKeeper = photo === keeper || photo.path === keeper.path;
  return (
    <dl className="photo-fields">
      {photoFields.map((field) => {
        const differs = differing.has(field);
        const fullText = photoFieldText(photo, field);
        const highlight = !differs
          ? ''
          : isKeeper
            ? ' is-varying'
            : fullText !== photoFieldText(keeper, field)
              ? ' is-different'
              : '';
        return (
          <div
            key={field}
            className={`photo-fields__row${highlight}`}
            data-field={field}
            data-differs={differs ? 'true' : 'false'}
            data-testid={`photo-field-${field}`}
          >
            <dt>{fieldLabel(photo, field)}</dt>
            <dd title={fullText}>{photoFieldShortText(photo, field)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function fieldLabel(photo: PhotoInfo, field: PhotoField): string {
  if (field === 'date') return photoDate(photo).fromCamera ? 'Taken' : 'Modified';
  return photoFieldLabels[field];
}
