import { formatBytes } from '../format/formatBytes';
import { plural } from '../format/formatCount';
import { formatThreshold } from '../format/formatDistance';
import { kindLabels, type GroupSort, type GroupSummary, type KindFilter } from '../duplicates/groupOrdering';
import type { BulkTrashPlan } from '../duplicates/bulkTrashPlan';
import type { SamePictureLevel } from '../../../shared/contract';
import { DistanceSlider } from './DistanceSlider';
import { SamePictureLevelControl } from './SamePictureLevelControl';

export const thresholdStep = 0.005;

export interface DuplicatesToolbarProps {
  threshold: number;
  maxThreshold: number;
  onThresholdChange: (threshold: number) => void;
  samePictureLevel: SamePictureLevel;
  onSamePictureLevelChange: (level: SamePictureLevel) => void;
  filter: KindFilter;
  onFilterChange: (filter: KindFilter) => void;
  sort: GroupSort;
  onSortChange: (sort: GroupSort) => void;
  summary: GroupSummary;
  regrouping: boolean;
  bulkPlan: BulkTrashPlan;
  busy: boolean;
  onBulkTrash: () => void;
  /** RAW+JPEG pairs "All kinds" does not show (0 with any other filter). */
  hiddenPairs: number;
}

export function DuplicatesToolbar(props: DuplicatesToolbarProps) {
  const { summary, bulkPlan } = props;
  return (
    <div className="duplicates-toolbar">
      <div className="toolbar">
        <DistanceSlider
          label="Similarity"
          value={props.threshold}
          max={props.maxThreshold}
          step={thresholdStep}
          format={formatThreshold}
          onChange={props.onThresholdChange}
          hint="Identical files and copies of the same picture are always grouped; the slider decides how alike the rest must be."
          sliderTestId="threshold-slider"
          valueTestId="threshold-value"
        />
        <SamePictureLevelControl value={props.samePictureLevel} onChange={props.onSamePictureLevelChange} />
      </div>
      <div className="toolbar">
        <label className="toolbar__field">
          <span>Show</span>
          <select
            className="select"
            value={props.filter}
            onChange={(event) => props.onFilterChange(event.target.value as KindFilter)}
            data-testid="kind-filter"
          >
            <option value="all">All kinds</option>
            <option value="identical">{kindLabels.identical}</option>
            <option value="raw+jpeg">{kindLabels['raw+jpeg']}</option>
            <option value="same-picture">{kindLabels['same-picture']}</option>
            <option value="similar">{kindLabels.similar}</option>
          </select>
        </label>
        <label className="toolbar__field">
          <span>Sort by</span>
          <select
            className="select"
            value={props.sort}
            onChange={(event) => props.onSortChange(event.target.value as GroupSort)}
            data-testid="sort-order"
          >
            <option value="space">Space to reclaim</option>
            <option value="kind">Kind</option>
          </select>
        </label>
        {/* Nothing to sum up or trash when no group is shown: the empty state says what to do instead. */}
        {summary.groups > 0 && (
          <>
            <span
              className={`toolbar__summary${props.regrouping ? ' is-stale' : ''}`}
              data-testid="duplicates-summary"
            >
              {plural(summary.groups, 'group')} · {formatBytes(summary.reclaimableBytes)} reclaimable
            </span>
            <button
              type="button"
              className="button button--danger"
              onClick={props.onBulkTrash}
              disabled={props.busy || bulkPlan.paths.length === 0}
              title="Identical copies, and same-picture copies no larger than the keeper: move them to the Trash"
              data-testid="bulk-trash"
            >
              Trash all but the keeper…
            </button>
          </>
        )}
      </div>
      {props.hiddenPairs > 0 && (
        <p className="muted duplicates-toolbar__note" data-testid="raw-jpeg-hidden">
          {plural(props.hiddenPairs, 'RAW+JPEG pair')} hidden: each is one shot the camera saved twice.{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => props.onFilterChange('raw+jpeg')}
            data-testid="show-raw-jpeg"
          >
            Show them
          </button>
        </p>
      )}
    </div>
  );
}
