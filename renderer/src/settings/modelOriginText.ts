import type { Status } from '../../../shared/contract';

/**
 * Why the model this run uses is not the one in the Model field, or null when it is: `serve --model DIR`,
 * DOPPEL_MODEL or the offline installer's bundled copy override what Settings saves until Doppel restarts.
 */
export function modelOriginText(status: Pick<Status, 'model' | 'modelOrigin'>): string | null {
  switch (status.modelOrigin) {
    case 'command-line':
      return `This run uses ${status.model} (from --model); your saved choice applies when Doppel starts without it.`;
    case 'environment':
      return `This run uses ${status.model} (from the DOPPEL_MODEL environment variable); your saved choice applies when Doppel starts without it.`;
    case 'bundled':
      return `This run uses the copy of the default model that came with Doppel (${status.model}); a different model saved here applies when Doppel next starts.`;
    case 'settings':
    case 'default':
      return null;
  }
}
