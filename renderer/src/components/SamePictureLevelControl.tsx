import type { SamePictureLevel } from '../../../shared/contract';
import { SAME_PICTURE_LEVELS } from '../../../shared/duplicates';

/** What each level takes as the same picture, in a photographer's words. */
export const samePictureLevelLabels: Readonly<Record<SamePictureLevel, { name: string; takes: string }>> = {
  strict: { name: 'Strict', takes: 're-saves, resized and recompressed copies only' },
  normal: {
    name: 'Normal',
    takes: 'also light edits and crops, black-and-white, mirrored and screenshot copies',
  },
  loose: { name: 'Loose', takes: 'also heavier edits' },
};

export interface SamePictureLevelControlProps {
  value: SamePictureLevel;
  onChange: (level: SamePictureLevel) => void;
}

/**
 * How strict "same picture" is: a labelled select beside the similarity slider, with its own meaning (the
 * perceptual check, not the image model's distance). Changing it regroups at once, without the engine.
 */
export function SamePictureLevelControl({ value, onChange }: SamePictureLevelControlProps) {
  return (
    <label className="toolbar__field" title={`Same picture: ${samePictureLevelLabels[value].takes}`}>
      <span>Same picture</span>
      <select
        className="select"
        value={value}
        onChange={(event) => onChange(event.target.value as SamePictureLevel)}
        data-testid="same-picture-level"
      >
        {SAME_PICTURE_LEVELS.map((level) => (
          <option key={level} value={level}>
            {samePictureLevelLabels[level].name}: {samePictureLevelLabels[level].takes}
          </option>
        ))}
      </select>
    </label>
  );
}
