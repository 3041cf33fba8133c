import type { PhotoInfo } from '../../../shared/contract';
import {
  photoFieldLabels,
  photoFieldShortText,
  photoFieldText,
  photoFields,
  type PhotoField,
} from '../duplicates/photoFields';
import { photoDate } from '../format/photoDate';

/** The facts to compare; those that differ inside the group are highlighted so the eye goes straight there. */
export function PhotoFieldList({
  photo,
  differing,
}: {
  photo: PhotoInfo;
  differing: ReadonlySet<PhotoField>;
}) {
  return (
    <dl className="photo-fields">
      {photoFields.map((field) => {
        const differs = differing.has(field);
        const fullText = photoFieldText(photo, field);
        return (
          <div
            key={field}
            className={`photo-fields__row${differs ? ' is-different' : ''}`}
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
