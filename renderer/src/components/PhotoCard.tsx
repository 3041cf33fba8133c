import type { PhotoInfo } from '../../../shared/contract';
import { livesElsewhereSentence, pathOnItsMachine } from '../../../shared/machines/machine-paths';
import { fileName } from '../format/paths';
import type { PhotoView } from '../duplicates/groupViews';
import type { PhotoField } from '../duplicates/photoFields';
import { relationText } from '../duplicates/relationText';
import { PhotoFieldList } from './PhotoFieldList';
import { OpenPhotoButton } from './OpenPhotoButton';

export interface PhotoCardProps {
  view: PhotoView;
  /** The group's current keeper, whose values the others are compared with. */
  keeper: PhotoInfo;
  differing: ReadonlySet<PhotoField>;
  focused: boolean;
  onFocus: () => void;
  onKeep: () => void;
  onOpen: () => void;
  /** Absent where the host cannot show files in their folder. */
  onReveal?: () => void;
  /** On the keeper's card: why it was suggested ("Keeper: RAW original"). */
  keeperReason?: string | null;
}

export function PhotoCard({
  view,
  keeper,
  differing,
  focused,
  onFocus,
  onKeep,
  onOpen,
  onReveal,
  keeperReason,
}: PhotoCardProps) {
  const { photo, isKeeper, protectedFolder } = view;
  const name = fileName(photo.path);
  const shieldText = protectedFolder
    ? `In the protected folder ${fileName(protectedFolder)}: Doppel never trashes it`
    : null;
  // Another computer's photo (a shared index): seen and grouped here, opened and trashed only there.
  const elsewhere = photo.machine;
  return (
    <article
      className={`photo-card${isKeeper ? ' is-keeper' : ''}${focused ? ' is-focused' : ''}`}
      data-testid="photo-card"
      data-path={photo.path}
      data-focused={focused ? 'true' : 'false'}
      aria-current={focused ? 'true' : undefined}
      aria-label={`${name}${isKeeper ? ', keeper' : ''}${protectedFolder ? ', protected' : ''}`}
      data-protected={protectedFolder ? 'true' : undefined}
      data-machine={elsewhere}
      onMouseDown={onFocus}
    >
      <OpenPhotoButton
        className="photo-card__image"
        path={photo.path}
        name={name}
        machine={elsewhere}
        onOpen={onOpen}
        openTitle="Open full size (Enter)"
        elsewhereActions="open it full size, move it or trash it"
      />
      <div className="photo-card__top">
        {isKeeper ? (
          <span className="badge badge--keeper" data-testid="keeper-badge">
            ✓ Keep
          </span>
        ) : (
          <button
            type="button"
            className="button button--small"
            onClick={onKeep}
            data-testid="keep-this"
            title="Keep this one instead (K)"
          >
            Keep this
          </button>
        )}
        {elsewhere !== undefined && (
          <span
            className="badge badge--protected"
            title={livesElsewhereSentence(elsewhere, 'open it full size, move it or trash it')}
            data-testid="machine-badge"
          >
            On {elsewhere}
            <span className="visually-hidden">
              : {livesElsewhereSentence(elsewhere, 'open it full size, move it or trash it')}
            </span>
          </span>
        )}
        {shieldText && (
          <span className="badge badge--protected" title={shieldText} data-testid="protected-badge">
            <span aria-hidden="true">🔒</span> Protected
            <span className="visually-hidden">: {shieldText}</span>
          </span>
        )}
        <span className="photo-card__distance" data-testid="photo-distance">
          {relationText(view)}
        </span>
      </div>
      <div className="photo-card__name" title={pathOnItsMachine(photo.path)} data-testid="photo-name">
        {name}
      </div>
      <PhotoFieldList photo={photo} keeper={keeper} differing={differing} />
      <div className="photo-card__footer">
        {isKeeper && keeperReason && (
          <span className="photo-card__reason" title={keeperReason} data-testid="keeper-reason">
            {keeperReason}
          </span>
        )}
        {onReveal && elsewhere === undefined && (
          <button type="button" className="link-button" onClick={onReveal} data-testid="reveal">
            Show in folder
          </button>
        )}
      </div>
    </article>
  );
}
