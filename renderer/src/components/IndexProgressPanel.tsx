import type { IndexProgress } from '../../../shared/contract';
import { formatCount } from '../format/formatCount';
import { formatEta } from '../format/formatDuration';
import { fileName } from '../format/paths';
import { ProgressBar } from './ProgressBar';

const phaseLabels: Record<IndexProgress['phase'], string> = {
  scanning: 'Looking for photos',
  embedding: 'Analysing photos',
  pairing: 'Comparing photos',
  done: 'Finished',
};

export function indexProgressText(progress: IndexProgress): string {
  const parts = [phaseLabels[progress.phase]];
  if (progress.total > 0) parts.push(`${formatCount(progress.done)} of ${formatCount(progress.total)}`);
  else if (progress.done > 0) parts.push(`${formatCount(progress.done)} found`);
  if (progress.photosPerSecond > 0) parts.push(`${progress.photosPerSecond.toFixed(1)} photos/s`);
  const eta = formatEta(progress.etaSeconds);
  if (eta) parts.push(eta);
  return parts.join(' · ');
}

export function IndexProgressPanel({
  progress,
  cancelling,
  onCancel,
}: {
  progress: IndexProgress;
  cancelling: boolean;
  onCancel: () => void;
}) {
  return (
    <section className="panel index-progress" aria-label="Indexing progress">
      <div className="index-progress__header">
        <span className="index-progress__text" data-testid="progress-text">
          {indexProgressText(progress)}
        </span>
        <button
          type="button"
          className="button button--small"
          onClick={onCancel}
          disabled={cancelling}
          data-testid="cancel-indexing"
        >
          {cancelling ? 'Stopping…' : 'Cancel'}
        </button>
      </div>
      <ProgressBar done={progress.done} total={progress.total} label="Indexing" testId="progress" />
      {progress.currentFile && (
        <div className="index-progress__file" title={progress.currentFile} data-testid="progress-file">
          {fileName(progress.currentFile)}
        </div>
      )}
    </section>
  );
}
