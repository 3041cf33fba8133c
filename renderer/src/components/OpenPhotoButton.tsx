import { livesElsewhereSentence } from '../../../shared/machines/machine-paths';
import { PhotoThumbnail } from './PhotoThumbnail';

/**
 * A photo's thumbnail as the button that opens it full size; for another computer's photo (a shared index)
 * the button is off, shows that computer's name, and its title says where the photo can be opened.
 */
export function OpenPhotoButton({
  className,
  path,
  name,
  machine,
  onOpen,
  openTitle,
  elsewhereActions,
}: {
  className: string;
  path: string;
  name: string;
  /** The other computer the photo lives on; undefined for this computer's photos. */
  machine: string | undefined;
  onOpen: () => void;
  openTitle: string;
  /** What can be done with it on its own computer ("open it full size"). */
  elsewhereActions: string;
}) {
  return (
    <button
      type="button"
      className={className}
      onClick={onOpen}
      disabled={machine !== undefined}
      title={machine === undefined ? openTitle : livesElsewhereSentence(machine, elsewhereActions)}
    >
      <PhotoThumbnail path={path} alt={name} machine={machine} />
    </button>
  );
}
