import type { IndexStage, IndexStageName } from '../../shared/contract/entities';
import { terminalText as safe } from './terminal-text';

/** Wide enough for the longest stage name and state, so the counts line up under each other. */
const NAME_COLUMNS = 14;
const STATE_COLUMNS = 10;

/** One line per stage: `similar       waiting   0/10000  Finding similar shots needs the image model…`. */
export function formatStageLines(stages: readonly IndexStage[]): string[] {
  return stages.map((stage) => {
    const counts = `${stage.done}/${stage.total}`;
    const line = `${stage.name.padEnd(NAME_COLUMNS)}${stage.state.padEnd(STATE_COLUMNS)}${counts}`;
    const showReason = stage.reason && (stage.state === 'waiting' || stage.state === 'failed');
    return showReason ? `${line}  ${safe(stage.reason!)}` : line;
  });
}

/** The stage the run is in now: the first that runs, or null when none does (or the engine reports none). */
export function runningStage(stages: readonly IndexStage[]): IndexStageName | null {
  return stages.find((stage) => stage.state === 'running')?.name ?? null;
}

/** True when a stage failed: it will not finish by itself, which a script must see in the exit code. */
export function anyStageFailed(stages: readonly IndexStage[]): boolean {
  return stages.some((stage) => stage.state === 'failed');
}

const whatEachStageFinds: Record<IndexStageName, string> = {
  identical: 'Identical files',
  'same-picture': 'Same-picture copies',
  similar: 'Similar shots',
};

/**
 * After `doppel index`: a line per stage that waits or failed, saying why and what is ready meanwhile, or null
 * when every stage is done. A waiting stage finishes by itself the next time Doppel runs on this data folder.
 */
export function formatUnfinishedStages(stages: readonly IndexStage[]): string | null {
  const unfinished = stages.filter((stage) => stage.state === 'waiting' || stage.state === 'failed');
  if (unfinished.length === 0) return null;
  const ready = stages
    .filter((stage) => stage.state === 'done')
    .map((stage) => whatEachStageFinds[stage.name].toLowerCase());
  const lines = unfinished.map((stage) => {
    const why = stage.reason ? `: ${safe(stage.reason.replace(/[.\s]+$/, ''))}` : '';
    const next =
      stage.state === 'waiting'
        ? ' It finishes by itself the next time Doppel runs (doppel index, doppel serve or the app).'
        : '';
    return `${whatEachStageFinds[stage.name]} ${stage.state === 'waiting' ? 'are waiting' : 'failed'}${why}.${next}`;
  });
  if (ready.length > 0) lines.push(`Listed already (doppel duplicates): ${ready.join(', ')}.`);
  return lines.join('\n');
}
