import type { IndexError } from '../../../shared/contract';
import { plural } from '../format/formatCount';
import { fileName, folderOf } from '../format/paths';

/** Enough to act on; thousands of rows would only slow the window down. */
const maxShown = 200;

export function IndexErrorList({ errors }: { errors: readonly IndexError[] }) {
  if (errors.length === 0) return null;
  const shown = errors.slice(0, maxShown);
  return (
    <section className="panel index-errors" aria-labelledby="index-errors-title">
      <h2 id="index-errors-title" className="section-title">
        {plural(errors.length, 'file')} could not be read
      </h2>
      <p className="muted">
        These files were skipped. They are often damaged, still downloading, or not photos.
      </p>
      <ul className="index-errors__list">
        {shown.map((error) => (
          <li key={error.path} className="error-row" data-testid="error-row">
            <span className="error-row__name" title={error.path}>
              {fileName(error.path)}
            </span>
            <span className="error-row__folder muted">{folderOf(error.path)}</span>
            <span className="error-row__reason">{error.error}</span>
          </li>
        ))}
      </ul>
      {errors.length > maxShown && (
        <p className="muted">…and {plural(errors.length - maxShown, 'more file')}.</p>
      )}
    </section>
  );
}
