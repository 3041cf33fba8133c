import type { IndexStage, IndexStageName } from '../../shared/contract/entities';
import { runningStage } from './cli-stages';

export interface StageFollower {
  /** The stage the run was last seen in (null before the first answer, or from an engine without stages). */
  current: () => IndexStageName | null;
  /** A progress event arrived: ask the engine again, unless it was asked within the interval or is answering. */
  poke: () => void;
}

/**
 * Follows which stage `doppel index` is in. Progress events do not name the stage, the status does: asked at
 * most once per `intervalMs`, so a run with a hundred events a second costs the engine one status a second.
 */
export function followRunningStage(
  askStages: () => Promise<readonly IndexStage[]>,
  intervalMs = 1000,
  now: () => number = Date.now,
): StageFollower {
  let stage: IndexStageName | null = null;
  let askedAt = Number.NEGATIVE_INFINITY;
  let asking = false;
  return {
    current: () => stage,
    poke: () => {
      if (asking || now() - askedAt < intervalMs) return;
      asking = true;
      askedAt = now();
      askStages()
        .then(
          (stages) => void (stage = runningStage(stages)),
          () => undefined, // the line simply goes without its stage; the run itself reports its failures
        )
        .finally(() => (asking = false));
    },
  };
}
