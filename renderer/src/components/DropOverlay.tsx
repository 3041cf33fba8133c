import { Icon } from './Icon';

/** Shown while a file is dragged over the window: dropping it anywhere starts a search. */
export function DropOverlay() {
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__card">
        <div className="drop-overlay__icon">
          <Icon name="drop" size={40} />
        </div>
        <div className="drop-overlay__title">Drop a photo to find the ones like it</div>
      </div>
    </div>
  );
}
