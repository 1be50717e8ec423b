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
  /**
   * Amplitude of the weight map's border term (paper: 10). Default: 10 for instance labels, none
   * for masks; a value above 0 for a mask weights the gaps between its connected components.
   */
  w0?: number;
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
    /** Set when the requested tile would not fit the backend's memory: the tile asked for. */
    tileReducedFrom?: number;
  };
}

export type TrainJobResult = TrainingOutcome & { outDir: string; backend: string };

export type SegmentOutput = 'classes' | 'instances' | 'probabilities';

/** What runs the network: ONNX Runtime where it loads ('auto'), or always tfjs. */
export type SegmentEngineChoice = 'auto' | 'onnxruntime' | 'tfjs';

export interface SegmentJobRequest {
  modelDir: string;
  inputDir: string;
  outDir: string;
  write: SegmentOutput;
  tta: boolean;
  backend: BackendChoice;
  /** Smallest object kept in instance output (default: learned from the training labels). */
  minObjectSize?: number;
  /** Default 'auto'. 'onnxruntime' fails with the reason where ONNX Runtime cannot run. */
  engine?: SegmentEngineChoice;
}

export interface SegmentJobProgress {
  done: number;
  total: number;
  file: string;
  /** Progress within the current image, 0..1. */
  imageFraction: number;
  failed?: string;
  /** 'onnxruntime', or the tfjs backend's name. */
  engine?: string;
}

export interface SegmentJobResult {
  written: string[];
  failed: { file: string; reason: string }[];
  /** The tfjs backend that loaded the checkpoint (and ran it, unless engine says otherwise). */
  backend: string;
  /** What ran the network: 'onnxruntime', or the tfjs backend's name. */
  engine?: string;
  /** Why ONNX Runtime did not run, where 'auto' fell back to tfjs. */
  onnxSkipped?: string;
  tile: number;
  seconds: number;
}
