import { useId } from 'react';
import type { IndexStage } from '../../../shared/contract';
import { withoutCommandLineAdvice } from '../api/photographerWording';
import { formatCount } from '../format/formatCount';
import { ProgressBar } from './ProgressBar';

/** What each stage finds, in the words the Duplicates screen uses for its kinds. */
export const stageLabels: Record<IndexStage['name'], string> = {
  identical: 'Identical files',
  'same-picture': 'Re-saved and edited copies',
  similar: 'Similar shots',
};

const stateLabels: Record<IndexStage['state'], string> = {
  done: 'Done',
  running: 'In progress',
  waiting: 'Waiting',
  failed: 'Stopped',
};

/** "In progress · 1,200 of 10,000 photos": the state first, then the count when there is one. */
export function stageProgressText(stage: IndexStage): string {
  const state = stateLabels[stage.state];
  if (stage.total <= 0) return state;
  return `${state} · ${formatCount(stage.done)} of ${formatCount(stage.total)} photos`;
}

/** True when the user still waits for a stage: one runs, waits or failed. */
export function stagesUnfinished(stages: readonly IndexStage[]): boolean {
  return stages.some((stage) => stage.state !== 'done');
}

/**
 * Each stage of indexing with a bar, its state in words and, when it waits or failed, why: identical files and
 * copies are listed while the similar shots still wait for the model, and this says so.
 */
export function StagesPanel({ stages }: { stages: readonly IndexStage[] }) {
  const titleId = useId();
  if (stages.length === 0) return null;
  return (
    <section className="panel stages-panel" aria-labelledby={titleId} data-testid="stages-panel">
      <h2 id={titleId} className="section-title">
        What Doppel has found so far
      </h2>
      <ol className="stages-panel__list">
        {stages.map((stage) => (
          <StageRow key={stage.name} stage={stage} />
        ))}
      </ol>
    </section>
  );
}

function StageRow({ stage }: { stage: IndexStage }) {
  const label = stageLabels[stage.name];
  const progressText = stageProgressText(stage);
  const showReason = (stage.state === 'waiting' || stage.state === 'failed') && stage.reason;
  // With nothing counted yet, only a running stage gets the moving bar: a waiting one stands still, empty, and
  // a finished one is full (an empty folder is done too).
  const counted = stage.total > 0 || stage.state === 'running';
  const done = counted ? stage.done : stage.state === 'done' ? 1 : 0;
  const total = counted ? stage.total : 1;
  return (
    <li
      className={`stages-panel__stage stages-panel__stage--${stage.state}`}
      data-testid="stage"
      data-stage={stage.name}
      data-state={stage.state}
    >
      <div className="stages-panel__header">
        <span className="stages-panel__name">{label}</span>
        <span className="stages-panel__state" data-testid="stage-state">
          {progressText}
        </span>
      </div>
      <ProgressBar done={done} total={total} label={label} valueText={progressText} />
      {showReason && (
        <p className="stages-panel__reason" data-testid="stage-reason">
          {withoutCommandLineAdvice(stage.reason!)}
        </p>
      )}
    </li>
  );
}
