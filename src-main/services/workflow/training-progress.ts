// The train job's progress messages as the window's events. The job reports after every step
// (and in between while it validates and saves); the window needs a readable number a few
// times a second, so plain step reports are thinned here, while the first report (setup), every
// validation and every phase change always go through.
import type { EventOf } from '../../../src-preload/contract';
import { explainSkippedBackends } from '../../engine/jobs/gpu-presence';
import type { TrainJobProgress } from '../../engine/jobs/job-types';
import { finiteOrNull, toContractMetrics } from './training-history';

/** At most one plain step report per this many milliseconds reaches the window. */
export const PROGRESS_INTERVAL_MS = 100;

export interface RunFrame {
  runId: number;
  /** The step the run starts from (a resumed run continues its old count). */
  startStep: number;
  /** Null for a run budgeted in minutes. */
  totalSteps: number | null;
  gpuPresent: boolean;
}

export function toProgressEvent(
  frame: RunFrame,
  progress: TrainJobProgress,
): EventOf<'training:progress'> {
  const { setup } = progress;
  return {
    runId: frame.runId,
    // The job's first report says step 0 before a resumed run has loaded its checkpoint.
    step: Math.max(progress.step, frame.startStep),
    totalSteps: progress.totalSteps ?? frame.totalSteps,
    loss: finiteOrNull(progress.loss),
    smoothedLoss: finiteOrNull(progress.smoothedLoss),
    learningRate: progress.learningRate,
    stepsPerSecond: Math.max(0, progress.tilesPerSecond),
    etaSeconds: progress.etaSeconds === undefined ? null : Math.max(0, progress.etaSeconds),
    elapsedSeconds: Math.max(0, progress.elapsedSeconds),
    phase: progress.phase,
    ...(progress.validation ? { validation: toContractMetrics(progress.validation) } : {}),
    ...(setup
      ? {
          setup: {
            backend: setup.backend,
            skipped: explainSkippedBackends(setup.skipped, frame.gpuPresent),
            // Previews and the checks against the painted pixels run on the training backend.
            predictionEngine: setup.backend,
            ...(setup.threads !== undefined && setup.threads > 0 ? { threads: setup.threads } : {}),
            trainImages: setup.trainImages,
            labelledPixels: setup.labelledPixels ?? 0,
            tile: setup.tile,
            ...(setup.tileReducedFrom !== undefined
              ? { tileReducedFrom: setup.tileReducedFrom }
              : {}),
          },
        }
      : {}),
  };
}

/** Decides which progress messages become events. */
export class ProgressThrottle {
  private lastEmit = -Infinity;
  private lastPhase: string | undefined;

  constructor(private readonly intervalMs = PROGRESS_INTERVAL_MS) {}

  shouldEmit(progress: TrainJobProgress, now = performance.now()): boolean {
    const important =
      progress.setup !== undefined ||
      progress.validation !== undefined ||
      progress.phase !== this.lastPhase ||
      progress.phase === 'done';
    this.lastPhase = progress.phase;
    if (!important && now - this.lastEmit < this.intervalMs) return false;
    this.lastEmit = now;
    return true;
  }
}
