// How the learning rate moves over a run. The paper keeps it constant; with the few hundred
// batch-one steps a CPU affords, a constant Adam rate leaves the weights jumping between
// checkpoints (validation pixel error swings by about 0.05), so the CPU preset anneals it
// along a half cosine to a small fraction by the end of the budget.
import type { Optimizer } from '@tensorflow/tfjs';

export type LearningRateSchedule =
  | { kind: 'constant' }
  /** From the base rate at the start to `finalFraction` of it when the budget is spent. */
  | { kind: 'cosine'; finalFraction: number };

export const CONSTANT_RATE: LearningRateSchedule = { kind: 'constant' };
export const COSINE_ANNEALING: LearningRateSchedule = { kind: 'cosine', finalFraction: 0.05 };

/**
 * The rate at `progress` (0 = start, 1 = budget spent). A run without a budget (train until
 * stopped) has no progress to anneal by and keeps the base rate.
 */
export function learningRateAt(
  schedule: LearningRateSchedule,
  baseRate: number,
  progress: number | undefined,
): number {
  if (schedule.kind === 'constant' || progress === undefined) return baseRate;
  const t = Math.min(1, Math.max(0, progress));
  const floor = baseRate * schedule.finalFraction;
  return floor + ((baseRate - floor) * (1 + Math.cos(Math.PI * t))) / 2;
}

/**
 * Sets the rate of a tfjs SGD, momentum or Adam optimizer. SGD and momentum keep the rate
 * in a tensor that `setLearningRate` rebuilds; Adam reads its `learningRate` field each step.
 */
export function applyLearningRate(optimizer: Optimizer, rate: number): void {
  const target = optimizer as unknown as {
    learningRate: number;
    setLearningRate?: (rate: number) => void;
  };
  if (target.learningRate === rate) return;
  if (typeof target.setLearningRate === 'function') target.setLearningRate(rate);
  else target.learningRate = rate;
}
