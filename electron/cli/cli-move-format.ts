import type { MethodResponse } from '../../shared/contract/methods';
import { terminalText as safe } from './terminal-text';

/** `doppel move`: each photo and where it went, then each one that stayed and why. */
export function formatMoveResult(result: MethodResponse<'moveToFolder'>): string {
  const lines = [`Moved ${result.moved.length}, not moved ${result.failed.length}.`];
  for (const move of result.moved) lines.push(`  ${safe(move.path)} -> ${safe(move.to)}`);
  for (const failure of result.failed)
    lines.push(`  not moved ${safe(failure.path)}: ${safe(failure.error)}`);
  return lines.join('\n');
}
