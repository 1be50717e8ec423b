// Payloads of the compute process's jobs: plain data, shared by the CLI, the app and tests.
import type { LabelKind, ProjectClass } from '../checkpoint/model-metadata';
import type { FilePair } from '../data/pair-files';
import type { TrainingOutcome } from '../train/run-training';
import type { PreviewSource } from '../train/training-preview';
import type { TrainingProgress } from '../train/training-settings';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export interface TrainJobRequest {
  /** Folders of images and labels paired by name (the CLI); or give `pairs`. */
  imagesDir?: string;
  labelsDir?: string;
  /** Explicit training pairs (the app's annotation snapshot), instead of the folders. */
  pairs?: FilePair[];
  /**
   * Classes of the network for 'painted' labels: the project's largest class index (classes may
   * have gaps), so network class c is project class c + 1.
   */
  numClasses?: number;
  /** The project's classes, kept in the model's metadata ('painted' labels). */
  classes?: ProjectClass[];
  /**
   * Validate on the labelled pixels of the training pairs ("agreement with your labels"), for a
   * project that has no held-out labelled image.
   */
  validateOnTraining?: boolean;
  /** Predict one image page with the current weights every `every` steps (see TrainJobPreview). */
  preview?: TrainPreviewRequest;
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
  /**
   * Background line between touching instances (instance labels): 1 px as in the paper, or 2 px
   * (both sides of a contact). Default: 2, measured better on packed nuclei (README, DSB).
   */
  separation?: 1 | 2;
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
    /** Threads the backend computes on. */
    threads?: number;
    /** Labelled pixels over all training pairs. */
    labelledPixels?: number;
  };
  /** Set on the progress message that carries a preview (it repeats the last step's numbers). */
  preview?: TrainJobPreview;
}

/** The page previewed while training: its file, its page and the steps between previews. */
export type TrainPreviewRequest = PreviewSource;

/**
 * The current model's prediction of (a window of) the preview page. A page larger than the
 * preview limit is predicted only in a centred window of at most 1024 x 1024 pixels: x, y,
 * width and height say which part of the page `classes` covers.
 */
export interface TrainJobPreview {
  step: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Project class index per pixel (network class c -> c + 1), row-major. */
  classes: Uint8Array;
}

/** The `backends` job: which engine trains and predicts here, and why better ones do not. */
export interface BackendsJobResult {
  backend: string;
  skipped: { backend: string; reason: string }[];
  predictionEngine: string;
  threads: number;
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

/** One image page through a model, for review in the window (the `predict-image` job). */
export interface PredictImageJobRequest {
  modelDir: string;
  /** The image file on disk; it must still hash to `contentHash` (the image the person sees). */
  imagePath: string;
  contentHash: string;
  page: number;
  tta: boolean;
  backend: BackendChoice;
  engine?: SegmentEngineChoice;
  /**
   * Label value of network class c (default c + 1, as in training); 0 for a class the model
   * never learned (a gap in the project's class indices), which then never wins a pixel.
   */
  labelValues?: number[];
  /** Whether to also return the probability map (the window skips it for very large pages). */
  withProbability?: boolean;
}

export interface TileRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PredictImageJobResult {
  width: number;
  height: number;
  /** Label value (project class index) per pixel, row-major. */
  classes: Uint8Array;
  /** Probability that the pixel is not network class 0, per pixel; null when not asked for. */
  foregroundProbability: Float32Array | null;
  /** The output tiles of the overlap-tile plan, clipped to the image, in image pixels. */
  tiles: TileRectangle[];
  inputTile: number;
  /** 'onnxruntime', or the tfjs backend's name. */
  engine: string;
  /** Whether this request reused the model loaded by the previous one. */
  reusedModel: boolean;
  seconds: number;
}
