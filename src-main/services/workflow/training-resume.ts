// Continuing a run. A finished run's record cannot change (the store keeps ended runs as they
// ended), and its model folder belongs to the model record made from it. So a resumed run is a
// NEW run: its last checkpoint (and best, so the new folder stands alone) is copied into the new
// run's model folder, the job resumes from that copy, and the step count, the chart and the
// optimizer state carry on from where the old run stopped. The old run and its model stay as
// they were.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { readCheckpointMetadata } from '../../engine/checkpoint/checkpoint-io';
import { BEST, LAST } from '../../engine/train/run-training';
import { AppError } from '../../ipc/app-error';
import type { ProjectStore } from '../../store';
import { readHistory, type HistoryPoint } from './training-history';
import { readRunConfig, runModelDir } from './training-run-record';

/** Further steps when the old run used its whole budget (or counted minutes). */
export const DEFAULT_FURTHER_STEPS = 200;

export interface ResumePlan {
  fromRunId: number;
  /** The old run's folder of checkpoints, absolute. */
  sourceDir: string;
  startStep: number;
  /** Steps the old run had left of its budget, if it was counted in steps and not used up. */
  stepsLeft: number | undefined;
  history: HistoryPoint[];
}

/** Checks that run `runId` can be continued with `numClasses` classes; copies nothing yet. */
export async function planResume(
  store: ProjectStore,
  runId: number,
  numClasses: number,
): Promise<ResumePlan> {
  const run = store.getTrainingRun(runId);
  if (!run) throw new AppError('not-found', `Training run ${runId} is not in this project.`);
  const config = readRunConfig(run);
  const sourceDir = join(store.dir, runModelDir(runId));
  let metadata;
  try {
    metadata = (await readCheckpointMetadata(join(sourceDir, LAST))).metadata;
  } catch {
    throw new AppError(
      'not-found',
      `Run ${runId} saved no checkpoint to continue from (it ended before its first save). Start a new training instead.`,
    );
  }
  if (metadata.network.numClasses !== numClasses) {
    throw new AppError(
      'invalid-request',
      `Run ${runId} learned ${metadata.network.numClasses} classes, and the project now has ${numClasses}. Start a new training to learn the new classes.`,
    );
  }
  const startStep = metadata.training.step;
  const total = config.totalSteps;
  return {
    fromRunId: runId,
    sourceDir,
    startStep,
    stepsLeft: typeof total === 'number' && total > startStep ? total - startStep : undefined,
    history: readHistory(run.history).filter((point) => point.step <= startStep),
  };
}

/** Copies the old run's checkpoints into the new run's model folder. */
export async function copyCheckpoints(plan: ResumePlan, targetDir: string): Promise<void> {
  for (const name of [LAST, BEST]) {
    let readable: string;
    try {
      // The readable copy: after a crash mid-save that may be the previous one beside it.
      readable = (await readCheckpointMetadata(join(plan.sourceDir, name))).readable;
    } catch {
      continue; // no best/ yet: the resumed run makes one
    }
    await cp(readable, join(targetDir, name), { recursive: true });
  }
}
