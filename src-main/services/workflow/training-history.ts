// The chart of a run: loss per step and the validation points, kept in memory while it trains
// and in the training_runs record (written every few seconds and at the end), so a reloaded
// window can draw the chart again. A long run is thinned so the record stays small enough to
// rewrite often and to draw at once.
import type { TrainingRunSummary } from '../../../src-preload/contract';
import type { TrainJobProgress } from '../../engine/jobs/job-types';
import type {
  HistoryEntry,
  ValidationMetrics as EngineMetrics,
} from '../../engine/train/training-settings';

export type HistoryPoint = TrainingRunSummary['history'][number];
export type ContractMetrics = NonNullable<HistoryPoint['validation']>;

/** Above this many points, every other loss-only point is dropped. */
export const MAX_HISTORY_POINTS = 4000;

export function toContractMetrics(metrics: EngineMetrics): ContractMetrics {
  return {
    loss: metrics.loss,
    pixelError: metrics.pixelError,
    foregroundIou: metrics.foregroundIoU,
  };
}

export const finiteOrNull = (value: number): number | null =>
  Number.isFinite(value) ? value : null;

/**
 * Adds what one progress message says: a point for a step not seen yet, and validation metrics
 * on the point of their step. Returns whether anything changed.
 */
export function recordProgress(
  points: HistoryPoint[],
  progress: TrainJobProgress,
  limit = MAX_HISTORY_POINTS,
): boolean {
  if (progress.setup || progress.preview) return false;
  const last = points.at(-1);
  let changed = false;
  if (progress.step > 0 && (!last || progress.step > last.step)) {
    points.push({ step: progress.step, loss: finiteOrNull(progress.loss) });
    changed = true;
  }
  const current = points.at(-1);
  if (progress.validation && current?.step === progress.step && !current.validation) {
    current.validation = toContractMetrics(progress.validation);
    changed = true;
  }
  if (points.length > limit) thin(points);
  return changed;
}

/** Keeps the first and last points, every validation point, and every other loss-only point. */
export function thin(points: HistoryPoint[]): void {
  const kept = points.filter(
    (point, i) => i === 0 || i === points.length - 1 || point.validation || i % 2 === 0,
  );
  points.splice(0, points.length, ...kept);
}

/**
 * Adds the steps the job recorded but never reported (the step in flight when a stop arrived:
 * progress is no longer sent once a job is cancelled), from its own history.
 */
export function mergeJobHistory(points: HistoryPoint[], entries: readonly unknown[]): void {
  for (const entry of entries as HistoryEntry[]) {
    if (typeof entry?.step !== 'number' || entry.step <= (points.at(-1)?.step ?? 0)) continue;
    points.push({
      step: entry.step,
      loss: typeof entry.loss === 'number' ? finiteOrNull(entry.loss) : null,
      ...(entry.validation ? { validation: toContractMetrics(entry.validation) } : {}),
    });
  }
}

/** The last validation in a history, for the model's scores. */
export function lastValidation(points: HistoryPoint[]): ContractMetrics | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const validation = points[i]!.validation;
    if (validation) return validation;
  }
  return null;
}

/** A stored history read back defensively: records from elsewhere may hold other shapes. */
export function readHistory(value: unknown): HistoryPoint[] {
  if (!Array.isArray(value)) return [];
  const points: HistoryPoint[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { step, loss, validation } = entry as Record<string, unknown>;
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) continue;
    const point: HistoryPoint = { step, loss: typeof loss === 'number' ? loss : null };
    if (
      typeof validation === 'object' &&
      validation !== null &&
      ['loss', 'pixelError', 'foregroundIou'].every(
        (key) => typeof (validation as Record<string, unknown>)[key] === 'number',
      )
    ) {
      point.validation = validation as ContractMetrics;
    }
    points.push(point);
  }
  return points;
}
