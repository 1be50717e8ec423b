// Payloads of the compute process's jobs: plain data, shared by the CLI, the app and tests.
import type { LabelKind } from '../checkpoint/model-metadata';
import type { TrainingOutcome } from '../train/run-training';
import type { TrainingProgress } from '../train/training-settings';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export interface TrainJobRequest {
  imagesDir: string;
  labelsDir: string;
  valImagesDir?: string;
  valLabelsDir?: string;
  /** Without a validation folder: the first N pairs train, the rest validate. */
  trainCount?: number;
  labelKind: LabelKind;
  preset: 'cpu' | 'paper';
  filters?: number;
  depth?: number;
  tile?: number;
  steps?: number;
  minutes?: number;
  seed: number;
  backend: BackendChoice;
  optimizer?: 'sgd' | 'adam';
  learningRate?: number;
  /** Default: cosine annealing for the CPU preset, constant (as in the paper) for `paper`. */
  learningRateSchedule?: 'constant' | 'cosine';
  validateEvery?: number;
  checkpointEvery?: number;
  outDir: string;
  resume: boolean;
}

export interface TrainJobProgress extends TrainingProgress {
  /** Set once, before the first step: what the job is about to do. */
  setup?: {
    backend: string;
    skipped: { backend: string; reason: string }[];
    trainImages: number;
    validationImages: number;
    tile: number;
  };
}

export type TrainJobResult = TrainingOutcome & { outDir: string; backend: string };

export type SegmentOutput = 'classes' | 'instances' | 'probabilities';

export interface SegmentJobRequest {
  modelDir: string;
  inputDir: string;
  outDir: string;
  write: SegmentOutput;
  tta: boolean;
  backend: BackendChoice;
  /** Smallest object kept in instance output (default: learned from the training labels). */
  minObjectSize?: number;
}

export interface SegmentJobProgress {
  done: number;
  total: number;
  file: string;
  /** Progress within the current image, 0..1. */
  imageFraction: number;
  failed?: string;
}

export interface SegmentJobResult {
  written: string[];
  failed: { file: string; reason: string }[];
  backend: string;
  tile: number;
  seconds: number;
}
