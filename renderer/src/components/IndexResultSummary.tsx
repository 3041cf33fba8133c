import type { IndexResult } from '../../../shared/contract';
import { plural } from '../format/formatCount';
import { formatSeconds } from '../format/formatDuration';

export function indexResultText(result: IndexResult): string {
  const parts = [`${result.cancelled ? 'Stopped after adding' : 'Added'} ${plural(result.indexed, 'photo')}`];
  if (result.skipped) parts.push(`${plural(result.skipped, 'photo')} unchanged`);
  if (result.removed) parts.push(`${plural(result.removed, 'photo')} no longer on disk`);
  if (result.errors.length) parts.push(`${plural(result.errors.length, 'file')} could not be read`);
  return `${parts.join(', ')} (${formatSeconds(result.seconds)}).`;
}

export function IndexResultSummary({ result }: { result: IndexResult }) {
  return (
    <p className="index-result" role="status" data-testid="index-result">
      {indexResultText(result)}
    </p>
  );
}
