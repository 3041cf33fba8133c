import type { ExportFormat } from '../../../shared/duplicates/group-export';
import type { DistanceLookup } from '../duplicates/distanceLookup';
import { exportShownGroups } from '../duplicates/exportViews';
import type { GroupView } from '../duplicates/groupViews';

const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
};

/**
 * Saves the groups shown as CSV or JSON through a download of a Blob: the browser's own save, which the
 * desktop app's window does too, with no engine round trip.
 */
export function ExportGroupsButtons(props: {
  groups: readonly GroupView[];
  distanceBetween: DistanceLookup;
  threshold: number;
}) {
  const save = (format: ExportFormat) => {
    const text = exportShownGroups(format, props.groups, props.distanceBetween, props.threshold);
    // A byte-order mark lets a spreadsheet read the UTF-8 names in a CSV as UTF-8.
    const blob = new Blob([format === 'csv' ? `\ufeff${text}` : text], { type: MEDIA_TYPES[format] });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `doppel-duplicates.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked after the click has handed the Blob to the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="export-buttons" role="group" aria-label="Export the groups shown">
      <span className="muted">Export the groups shown:</span>
      {(Object.keys(MEDIA_TYPES) as ExportFormat[]).map((format) => (
        <button
          key={format}
          type="button"
          className="button button--small"
          onClick={() => save(format)}
          data-testid={`export-${format}`}
        >
          {format.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
