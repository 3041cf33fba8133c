import type { IndexStage } from '../../../shared/contract/entities';
import type { StageName } from '../indexing/indexer';
import { similarStageReason, type ModelState } from '../model/model-availability';
import type { StageCounts } from '../store/stage-store';

/** The stage a run is in now, with the run's own counts. */
export interface ActiveStage {
  name: StageName;
  done: number;
  total: number;
}

export interface StageInputs {
  /** What the store holds (library-wide): right after a restart too. */
  counts: StageCounts;
  /** The stage of the run going on now; null between runs. */
  active: ActiveStage | null;
  /** 'none': no model chosen. */
  model: { none: boolean; state: ModelState; sizeBytes: number | null; problem: string | null };
  now?: number;
}

const LISTING = 'Starts once every file is listed.';
const LOOKING = 'Starts once every photo has been looked at.';

/**
 * status().stages: each stage's state from the store's counts, the current run and the model. A stage the
 * run is in is running with the run's counts; one after it waits for it; one before it is done. Between
 * runs a stage with work left waits (the next run, or the model's arrival, takes it up) and says why.
 * Without a model the similar stage is "done" with nothing to do, and its reason says it is off: nothing
 * is pending, and nothing will happen until a model is chosen.
 */
export function describeStages(inputs: StageInputs): IndexStage[] {
  const { counts, active } = inputs;
  const stage = (
    name: StageName,
    state: IndexStage['state'],
    done: number,
    total: number,
    reason: string | null = null,
  ): IndexStage => ({ name, state, done, total, reason });
  const running = (name: StageName) => stage(name, 'running', active!.done, active!.total);

  const identical =
    active?.name === 'identical'
      ? running('identical')
      : stage('identical', 'done', counts.photos, counts.photos);

  // Between runs `done` counts the photos looked at (embedded, for similar); a stage is done once their
  // pairs are computed too.
  let samePicture: IndexStage;
  if (active?.name === 'identical')
    samePicture = stage('same-picture', 'waiting', counts.looked, counts.photos, LISTING);
  else if (active?.name === 'same-picture') samePicture = running('same-picture');
  else if (counts.pixelPaired < counts.photos)
    samePicture = stage(
      'same-picture',
      'waiting',
      counts.looked,
      counts.photos,
      `${counts.photos - counts.pixelPaired} photos are still to be looked at: the next index run goes on with them.`,
    );
  else samePicture = stage('same-picture', 'done', counts.looked, counts.photos);

  return [identical, samePicture, similarStage(inputs, stage, running)];
}

function similarStage(
  { counts, active, model, now }: StageInputs,
  stage: (
    name: StageName,
    state: IndexStage['state'],
    done: number,
    total: number,
    reason?: string | null,
  ) => IndexStage,
  running: (name: StageName) => IndexStage,
): IndexStage {
  if (model.none) return stage('similar', 'done', 0, 0, similarStageReason({ kind: 'none' }, null));
  const done = counts.embedded;
  if (model.problem) return stage('similar', 'failed', done, counts.photos, model.problem);
  if (active?.name === 'similar') return running('similar');
  const left = counts.photos - counts.modelPaired;
  const reason = similarStageReason(model.state, model.sizeBytes, now);
  const { kind } = model.state;
  if (kind === 'failed') return stage('similar', 'failed', done, counts.photos, reason);
  if (left > 0 && reason && kind !== 'ready') return stage('similar', 'waiting', done, counts.photos, reason);
  if (active) return stage('similar', 'waiting', done, counts.photos, LOOKING);
  if (left > 0)
    return stage(
      'similar',
      'waiting',
      done,
      counts.photos,
      `${counts.photos - done} photos are still to be read by the image model: the next index run goes on with them.`,
    );
  return stage('similar', 'done', done, counts.photos);
}
