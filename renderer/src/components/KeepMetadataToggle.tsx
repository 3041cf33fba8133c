import { useKeepMetadataPreference } from '../undo/keepMetadataPreference';

/** The choice, before copies go, to carry what they know into an XMP sidecar beside the keeper. */
export function KeepMetadataToggle() {
  const [on, setOn] = useKeepMetadataPreference();
  return (
    <label
      className="keep-metadata muted"
      title="Lightroom, darktable, digiKam and exiftool read these sidecars"
    >
      <input
        type="checkbox"
        checked={on}
        onChange={(event) => setOn(event.target.checked)}
        data-testid="keep-metadata"
      />{' '}
      Before copies go, keep what they know and the keeper lacks (date, place, rating, title, description,
      keywords) in an XMP sidecar beside it
    </label>
  );
}
