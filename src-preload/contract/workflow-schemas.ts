// Shapes of the workflow after painting: weight maps, training, models, prediction review and
// batch segmentation. Pixels travel as bytes (see each field's comment for the element type).
import { z } from 'zod';
import { Bytes, ClassDef, FileProblem, Id } from './schemas';

const Count = z.number().int().nonnegative();

/** The paper's w(x) for the current labels of one image page: float32, 0 where unlabelled. */
export const WeightMapView = z.object({
  imageId: Id,
  page: Count,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** float32 little endian, one value per pixel. */
  data: Bytes,
  /** Largest weight in the map (the colour map's top), and the class-balance weight per class. */
  max: z.number().nonnegative(),
  classWeights: z.array(z.object({ index: z.number().int(), weight: z.number() })),
  w0: z.number().nonnegative(),
  sigma: z.number().positive(),
  labelledPixels: Count,
});
export type WeightMapView = z.infer<typeof WeightMapView>;

export const BackendChoice = z.enum(['auto', 'tensorflow', 'wasm', 'cpu']);
export type BackendChoice = z.infer<typeof BackendChoice>;

/** Which engine runs, and in plain words why each better one does not. */
export const BackendReport = z.object({
  backend: z.string(),
  skipped: z.array(z.object({ backend: z.string(), reason: z.string() })),
  /** What predicts: 'onnxruntime' where it loads, else the tfjs backend. */
  predictionEngine: z.string(),
  threads: z.number().int().positive().optional(),
});
export type BackendReport = z.infer<typeof BackendReport>;

export const TrainingPreset = z.enum(['cpu', 'paper']);

export const TrainingStartRequest = z
  .object({
    preset: TrainingPreset.default('cpu'),
    backend: BackendChoice.default('auto'),
    /** Budget: steps or minutes (one of them; default 200 steps). */
    steps: z.number().int().min(1).max(1_000_000).optional(),
    minutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .optional(),
    filters: z.number().int().min(2).max(128).optional(),
    /** Max-pool levels of a new network (the preset's unless given; 4 in both presets). */
    depth: z.number().int().min(1).max(6).optional(),
    /** Training tile in pixels, a valid size for the depth (the preset's unless given). */
    tile: z.number().int().min(16).max(2048).optional(),
    /** Check agreement with the painted labels every this many steps (default 50). */
    validateEvery: z.number().int().min(1).max(1_000_000).optional(),
    seed: z.number().int().nonnegative().optional(),
    /** The image page whose prediction is previewed while training. */
    preview: z
      .object({ imageId: Id, page: Count.default(0) })
      .strict()
      .optional(),
    /** Preview every this many steps (default 10). */
    previewEvery: z.number().int().min(1).max(10_000).optional(),
    /** Continue this run from its last checkpoint instead of starting a new one. */
    resumeRunId: Id.optional(),
  })
  .strict()
  .refine((r) => r.steps === undefined || r.minutes === undefined, {
    message: 'Give steps or minutes, not both.',
  });

export const TrainingRunStatus = z.enum(['queued', 'running', 'completed', 'cancelled', 'failed']);

export const ValidationMetrics = z.object({
  loss: z.number(),
  pixelError: z.number(),
  foregroundIou: z.number(),
});

export const TrainingProgressEvent = z.object({
  runId: Id,
  step: Count,
  /** Null for a run budgeted in minutes. */
  totalSteps: Count.nullable(),
  loss: z.number().nullable(),
  smoothedLoss: z.number().nullable(),
  learningRate: z.number(),
  stepsPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  elapsedSeconds: z.number().nonnegative(),
  phase: z.string(),
  /** Metrics on the painted pixels, when this step validated. */
  validation: ValidationMetrics.optional(),
  /** Sent once, before the first step. */
  setup: BackendReport.extend({
    trainImages: Count,
    labelledPixels: Count,
    tile: z.number().int().positive(),
    tileReducedFrom: z.number().int().positive().optional(),
  }).optional(),
});
export type TrainingProgressEvent = z.infer<typeof TrainingProgressEvent>;

/** Class index per pixel (uint8, project class indices) of the model's current prediction. */
export const TrainingPreviewEvent = z.object({
  runId: Id,
  step: Count,
  imageId: Id,
  page: Count,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  classes: Bytes,
  /**
   * Where the preview's window starts in the page (0 when it covers the whole page). A page
   * larger than 1024 px on a side is previewed in a centred window of at most 1024 x 1024:
   * `classes` holds width x height pixels of the page from (x, y).
   */
  x: Count.optional(),
  y: Count.optional(),
});
export type TrainingPreviewEvent = z.infer<typeof TrainingPreviewEvent>;

export const TrainingFinishedEvent = z.object({
  runId: Id,
  status: z.enum(['completed', 'cancelled', 'failed']),
  /** Why it failed, in plain words. */
  message: z.string().optional(),
  /** The model this run saved (a stopped run keeps its last checkpoint as a model). */
  modelId: Id.optional(),
});
export type TrainingFinishedEvent = z.infer<typeof TrainingFinishedEvent>;

export const TrainingRunSummary = z.object({
  runId: Id,
  status: TrainingRunStatus,
  step: Count,
  totalSteps: Count.nullable(),
  /** Loss and validation points so far, for the chart. */
  history: z.array(
    z.object({
      step: Count,
      loss: z.number().nullable(),
      validation: ValidationMetrics.optional(),
    }),
  ),
  error: z.string().nullable(),
});
export type TrainingRunSummary = z.infer<typeof TrainingRunSummary>;

export const ModelSummary = z.object({
  id: Id,
  name: z.string(),
  runId: Id.nullable(),
  createdAt: z.string(),
  steps: Count,
  backend: z.string(),
  filters: z.number().int().positive(),
  depth: z.number().int().positive(),
  classes: z.array(ClassDef),
  /** The annotation the model learned from. */
  annotatedImages: Count,
  labelledPixels: Count,
  /** Last validation on the painted pixels; null before any. */
  metrics: ValidationMetrics.nullable(),
  /** Whether an ONNX file sits beside the model (Fiji/deepImageJ, ilastik, bioimage.io). */
  hasOnnx: z.boolean(),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

export const TileRect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const PredictionView = z.object({
  predictionId: Id,
  imageId: Id,
  page: Count,
  modelId: Id,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** uint8 project class index per pixel. */
  classes: Bytes,
  /** float32 probability that the pixel is not the first class (foreground for binary models). */
  foregroundProbability: Bytes.nullable(),
  /** The output tiles of the overlap-tile strategy, in image pixels. */
  tiles: z.array(TileRect),
  /** The input tile size the network ran on (its context beyond each output tile). */
  inputTile: z.number().int().positive(),
  tta: z.boolean(),
  engine: z.string(),
  seconds: z.number().nonnegative(),
});
export type PredictionView = z.infer<typeof PredictionView>;

export const SegmentOutput = z.enum(['classes', 'instances', 'probabilities']);

export const BatchProgressEvent = z.object({
  jobId: Id,
  done: Count,
  total: Count,
  file: z.string(),
  /** Progress within the current image, 0..1. */
  imageFraction: z.number().min(0).max(1),
  failed: z.string().optional(),
});
export type BatchProgressEvent = z.infer<typeof BatchProgressEvent>;

export const BatchFinishedEvent = z.object({
  jobId: Id,
  status: z.enum(['completed', 'cancelled', 'failed']),
  written: z.array(z.string()),
  failed: z.array(FileProblem),
  outputFolder: z.string(),
  message: z.string().optional(),
  seconds: z.number().nonnegative(),
});
export type BatchFinishedEvent = z.infer<typeof BatchFinishedEvent>;
