import type { AugmentOptions } from '../augment';

export { PAPER_AUGMENTATION } from '../augment';
import type { UNetConfig } from '../network/unet-config';
import type { LearningRateSchedule } from './learning-rate-schedule';

export type OptimizerSettings =
  { kind: 'sgd'; learningRate: number; momentum: number } | { kind: 'adam'; learningRate: number };

/** The paper's optimizer: SGD with a high momentum (0.99), so many past tiles shape each step. */
export const PAPER_OPTIMIZER: OptimizerSettings = {
  kind: 'sgd',
  learningRate: 0.01,
  momentum: 0.99,
};
export const DEFAULT_ADAM: OptimizerSettings = { kind: 'adam', learningRate: 1e-3 };

export interface TrainingSettings {
  network: UNetConfig;
  /** Training input tile (a valid size for the network). */
  tile: number;
  /** Input tile for validation predictions (larger is faster per pixel). */
  predictionTile: number;
  optimizer: OptimizerSettings;
  /** Absent in checkpoints saved before schedules existed: those ran at a constant rate. */
  learningRateSchedule?: LearningRateSchedule;
  /** Stop after this many steps in total (counting resumed ones), or after `minutes`. */
  steps?: number;
  minutes?: number;
  seed: number;
  validateEvery: number;
  checkpointEvery: number;
  augment: AugmentOptions;
}

export interface ValidationMetrics {
  loss: number;
  pixelError: number;
  foregroundIoU: number;
}

export interface HistoryEntry {
  step: number;
  loss: number;
  validation?: ValidationMetrics;
  elapsedSeconds: number;
}

export interface TrainingProgress {
  step: number;
  totalSteps?: number;
  loss: number;
  /** The rate the last step used (it changes along an annealing schedule). */
  learningRate: number;
  /** Mean of the last 20 steps' losses: the curve a person can read. */
  smoothedLoss: number;
  validation?: ValidationMetrics;
  tilesPerSecond: number;
  etaSeconds?: number;
  elapsedSeconds: number;
  memory: { tensors: number; tensorMegabytes: number; rssMegabytes: number };
  backend: string;
  phase: 'training' | 'validating' | 'saving' | 'done';
}
