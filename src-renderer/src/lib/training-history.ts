// The points of a training run's chart: one per reported step, merged from progress events as
// they arrive or rebuilt from `training:status` after a reload. Plain data, no Vue.
import type { TrainingProgressEvent, TrainingRunSummary } from '../../../src-preload/contract';
import type { Point } from './chart';

export interface HistoryPoint {
  step: number;
  loss: number | null;
  smoothedLoss: number | null;
  pixelError: number | null;
  foregroundIou: number | null;
}

/** The engine's smoothed loss is the mean of its last 20 losses; a rebuilt chart does the same. */
export const SMOOTHING_WINDOW = 20;

function finiteOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

export function pointFromProgress(event: TrainingProgressEvent): HistoryPoint {
  return {
    step: event.step,
    loss: finiteOrNull(event.loss),
    smoothedLoss: finiteOrNull(event.smoothedLoss),
    pixelError: finiteOrNull(event.validation?.pixelError),
    foregroundIou: finiteOrNull(event.validation?.foregroundIou),
  };
}

/**
 * Adds a point in place. A step reported twice (a validation after the loss of the same step)
 * fills in what the first report lacked; a step that goes back (a run resumed from an earlier
 * checkpoint) drops the points after it, since the run now continues from there.
 */
export function appendPoint(history: HistoryPoint[], point: HistoryPoint): void {
  while (history.length > 0 && (history[history.length - 1] as HistoryPoint).step > point.step) {
    history.pop();
  }
  const last = history[history.length - 1];
  if (last && last.step === point.step) {
    last.loss = point.loss ?? last.loss;
    last.smoothedLoss = point.smoothedLoss ?? last.smoothedLoss;
    last.pixelError = point.pixelError ?? last.pixelError;
    last.foregroundIou = point.foregroundIou ?? last.foregroundIou;
    return;
  }
  history.push({ ...point });
}

/** The chart of a run in progress, as `training:status` reports it (the mean is recomputed). */
export function historyFromSummary(summary: TrainingRunSummary): HistoryPoint[] {
  const history: HistoryPoint[] = [];
  const recent: number[] = [];
  for (const entry of summary.history) {
    const loss = finiteOrNull(entry.loss);
    if (loss !== null) {
      recent.push(loss);
      if (recent.length > SMOOTHING_WINDOW) recent.shift();
    }
    appendPoint(history, {
      step: entry.step,
      loss,
      smoothedLoss: recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null,
      pixelError: finiteOrNull(entry.validation?.pixelError),
      foregroundIou: finiteOrNull(entry.validation?.foregroundIou),
    });
  }
  return history;
}

/**
 * Keeps a very long run's memory bounded: past `maxStored` points, every other point of the
 * older half is dropped (validation points are kept, they are few and each one matters).
 */
export function thinHistory(history: HistoryPoint[], maxStored: number): HistoryPoint[] {
  if (history.length <= maxStored) return history;
  const half = Math.floor(history.length / 2);
  const older = history
    .slice(0, half)
    .filter((point, i) => i % 2 === 0 || point.pixelError !== null || point.foregroundIou !== null);
  return [...older, ...history.slice(half)];
}

export type SeriesName = 'loss' | 'smoothedLoss' | 'pixelError' | 'foregroundIou';

/** One line of the chart: (step, value) for every point that has a value. */
export function seriesOf(history: readonly HistoryPoint[], name: SeriesName): Point[] {
  const points: Point[] = [];
  for (const point of history) {
    const value = point[name];
    if (value !== null) points.push({ x: point.step, y: value });
  }
  return points;
}
