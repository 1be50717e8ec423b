// The `train` job: read the folders (CLI) or the pairs of an annotation snapshot (the app), build
// the settings from a preset and the person's overrides, train, and report progress (with a
// live preview when asked). Runs in the compute process.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobContext } from '../../compute/job-registry';
import { ImageReadError } from '../../imaging/errors';
import { AppError, hasErrorCode } from '../../ipc/app-error';
import { loadBackend } from '../backend/load-backend';
import { readCheckpointMetadata } from '../checkpoint/checkpoint-io';
import { BINARY_CLASS_NAMES } from '../data/label-conversion';
import { pairImagesWithLabels, type FilePair } from '../data/pair-files';
import { cropToLabelled } from '../data/labelled-crop';
import { loadLabelledSet, type LabelledImage } from '../data/training-set';
import { isValidInput, largestValidInputAtMost } from '../network/tile-geometry';
import { PRESETS, type UNetConfig } from '../network/unet-config';
import { learnMinObjectSize } from '../postprocess';
import { DEFAULT_NORMALISATION } from '../predict/normalise';
import type { LayersModel } from '../tf-types';
import {
  CONSTANT_RATE,
  COSINE_ANNEALING,
  type LearningRateSchedule,
} from '../train/learning-rate-schedule';
import { LAST, runTraining } from '../train/run-training';
import { fitTrainingTile, trainingBudgetBytes } from '../train/training-memory';
import { openTrainingPreview } from '../train/training-preview';
import {
  DEFAULT_ADAM,
  PAPER_AUGMENTATION,
  PAPER_OPTIMIZER,
  type OptimizerSettings,
  type TrainingSettings,
} from '../train/training-settings';
import type { TrainJobProgress, TrainJobRequest, TrainJobResult } from './job-types';

/** Validation predictions use the paper's 572 px tile (cheaper per pixel than small tiles). */
const PREDICTION_TILE_LIMIT = 572;
/**
 * Touching instances are split by a two-pixel line of background (both sides of a contact);
 * `--separation 1` gives the paper's one pixel. On DSB nuclei, three seeds each, two pixels
 * raised object F1 from 0.880 to 0.901 (the PyTorch reference: 0.904), README "DSB".
 */
const DEFAULT_SEPARATION_GAP = 2;

async function splitPairs(
  request: TrainJobRequest,
): Promise<{ train: FilePair[]; validation: FilePair[] }> {
  if (request.pairs) {
    if (request.pairs.length === 0) throw new Error('There are no labelled images to train on.');
    return { train: request.pairs, validation: [] };
  }
  if (!request.imagesDir || !request.labelsDir)
    throw new Error('Give the folders of images and labels (or the pairs) to train on.');
  const { pairs } = await pairImagesWithLabels(request.imagesDir, request.labelsDir);
  if (request.valImagesDir && request.valLabelsDir) {
    const validation = (await pairImagesWithLabels(request.valImagesDir, request.valLabelsDir))
      .pairs;
    return { train: pairs, validation };
  }
  if (request.trainCount !== undefined) {
    if (request.trainCount < 1 || request.trainCount > pairs.length) {
      throw new Error(
        `--train-count must be between 1 and ${pairs.length} (the number of labelled images).`,
      );
    }
    return {
      train: pairs.slice(0, request.trainCount),
      validation: pairs.slice(request.trainCount),
    };
  }
  return { train: pairs, validation: [] };
}

function optimizerFor(request: TrainJobRequest): OptimizerSettings {
  // The paper preset follows the paper (SGD, momentum 0.99); the CPU preset uses Adam, which
  // learns far more in the few hundred steps a CPU affords (and is what the reference uses).
  const base =
    request.optimizer === 'sgd' || (!request.optimizer && request.preset === 'paper')
      ? PAPER_OPTIMIZER
      : DEFAULT_ADAM;
  return request.learningRate !== undefined
    ? { ...base, learningRate: request.learningRate }
    : base;
}

function scheduleFor(request: TrainJobRequest): LearningRateSchedule {
  const kind = request.learningRateSchedule ?? (request.preset === 'paper' ? 'constant' : 'cosine');
  return kind === 'cosine' ? COSINE_ANNEALING : CONSTANT_RATE;
}

function settingsFor(
  request: TrainJobRequest,
  inputChannels: number,
  numClasses: number,
): TrainingSettings {
  const preset = PRESETS[request.preset];
  const network: UNetConfig = {
    ...preset.network,
    ...(request.filters !== undefined ? { filters: request.filters } : {}),
    ...(request.depth !== undefined ? { depth: request.depth } : {}),
    inputChannels,
    numClasses,
  };
  const tile = request.tile ?? preset.tile;
  if (!isValidInput(tile, network)) {
    const below = largestValidInputAtMost(tile, network);
    throw new Error(
      `--tile ${tile} is not a valid tile for a depth-${network.depth} U-Net${below ? ` (try ${below})` : ''}.`,
    );
  }
  return {
    network,
    tile,
    predictionTile: largestValidInputAtMost(PREDICTION_TILE_LIMIT, network) ?? tile,
    optimizer: optimizerFor(request),
    learningRateSchedule: scheduleFor(request),
    ...(request.steps !== undefined ? { steps: request.steps } : {}),
    ...(request.minutes !== undefined ? { minutes: request.minutes } : {}),
    seed: request.seed,
    validateEvery: request.validateEvery ?? 50,
    checkpointEvery: request.checkpointEvery ?? 25,
    augment: PAPER_AUGMENTATION,
  };
}

/** Network class k is label value k + 1: for painted labels, the project's class of that index. */
function classNamesFor(request: TrainJobRequest, numClasses: number): string[] {
  if (request.labelKind === 'painted') {
    const names = new Map(request.classes?.map((c) => [c.index, c.name]));
    return Array.from({ length: numClasses }, (_, k) => names.get(k + 1) ?? `Class ${k + 1}`);
  }
  return request.labelKind === 'classes'
    ? Array.from({ length: numClasses }, (_, k) => `Class ${k}`)
    : BINARY_CLASS_NAMES;
}

/**
 * A failure the person in the app should read as it is. The CLI shows the compute log, where
 * an unexpected throw is written in full; the app shows only the result's message, so for the
 * app (`pairs`) the job's own plain-Error checks (tile, memory, data, divergence) keep their
 * words. Other throws (TypeError and the like) are bugs and stay 'internal'.
 */
function forThePerson(error: unknown): unknown {
  if (hasErrorCode(error)) return error;
  if (error instanceof ImageReadError) {
    return new AppError('unreadable-image', error.message);
  }
  if (error instanceof Error && error.constructor === Error) {
    return new AppError('internal', error.message);
  }
  return error;
}

export async function trainJob(
  request: TrainJobRequest,
  context: JobContext<TrainJobProgress>,
): Promise<TrainJobResult> {
  if (!request.pairs) return train(request, context);
  try {
    return await train(request, context);
  } catch (error) {
    throw forThePerson(error);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function countLabelled(images: LabelledImage[]): number {
  let count = 0;
  for (const item of images) for (const label of item.labels) if (label !== 0) count++;
  return count;
}

async function train(
  request: TrainJobRequest,
  context: JobContext<TrainJobProgress>,
): Promise<TrainJobResult> {
  const backend = await loadBackend(request.backend);
  const { tf } = backend;
  const split = await splitPairs(request);
  const weightSettings = {
    w0: request.w0 ?? 10,
    sigma: 5,
    borderWeights: request.w0 !== undefined ? request.w0 > 0 : request.labelKind === 'instances',
    separationGap: request.separation ?? DEFAULT_SEPARATION_GAP,
  };
  const train = await loadLabelledSet(
    split.train,
    request.labelKind,
    DEFAULT_NORMALISATION,
    weightSettings,
    request.labelKind === 'painted' ? (request.numClasses ?? 2) : 2,
  );
  const validation = await loadLabelledSet(
    split.validation,
    request.labelKind,
    DEFAULT_NORMALISATION,
    weightSettings,
    train.numClasses,
  );
  const inputChannels = train.images[0]!.image.channels;
  if (train.images.some((item) => item.image.channels !== inputChannels)) {
    throw new Error('The training images do not all have the same number of channels.');
  }

  let settings = settingsFor(request, inputChannels, train.numClasses);
  if (request.resume) {
    // A resumed run keeps the network and recipe it started with; only the budget is new.
    const saved = await readCheckpointMetadata(join(request.outDir, LAST)).catch(() => {
      throw new Error(`Nothing to resume in ${request.outDir}: it has no last checkpoint.`);
    });
    const previous = saved.metadata.training.config as TrainingSettings;
    if (
      previous.network.numClasses !== train.numClasses ||
      previous.network.inputChannels !== inputChannels
    ) {
      throw new Error(
        `The saved model was trained for ${previous.network.numClasses} classes on ${previous.network.inputChannels}-channel images; these labels have ${train.numClasses} classes on ${inputChannels}-channel images. Start a new training instead of continuing.`,
      );
    }
    settings = {
      ...previous,
      ...(request.steps !== undefined ? { steps: request.steps } : { steps: undefined }),
      ...(request.minutes !== undefined ? { minutes: request.minutes } : { minutes: undefined }),
    };
  }
  const fit = fitTrainingTile(
    settings.network,
    settings.tile,
    trainingBudgetBytes(backend.name),
    backend.name,
  );
  if (!fit.ok) throw new Error(fit.reason);
  settings = { ...settings, tile: fit.tile };
  await mkdir(request.outDir, { recursive: true });
  const classNames = classNamesFor(request, train.numClasses);
  const objectSizes = train.images.flatMap((item) => item.objectSizes);
  // Without a held-out image, the painted pixels of the training pages are what can be checked.
  const validationImages = request.validateOnTraining
    ? train.images.map((item) => cropToLabelled(item, settings.network))
    : validation.images;
  let preview = request.preview && (await openTrainingPreview(tf, request.preview, settings));
  let lastProgress: TrainJobProgress | undefined;
  const afterStep = async (model: LayersModel, step: number): Promise<void> => {
    if (!preview || !lastProgress || !preview.due(step)) return;
    try {
      const classes = await preview.predict(model, context.signal);
      context.progress({ ...lastProgress, preview: { step, ...preview.window, classes } });
    } catch (error) {
      if (context.signal.aborted) return;
      // A preview is a convenience: the training goes on without it.
      console.warn(`The training preview stopped: ${messageOf(error)}`);
      preview.dispose();
      preview = undefined;
    }
  };
  context.progress({
    step: 0,
    loss: NaN,
    learningRate: settings.optimizer.learningRate,
    smoothedLoss: NaN,
    tilesPerSecond: 0,
    elapsedSeconds: 0,
    memory: {
      tensors: tf.memory().numTensors,
      tensorMegabytes: 0,
      rssMegabytes: process.memoryUsage().rss / 2 ** 20,
    },
    backend: backend.name,
    phase: 'training',
    setup: {
      backend: backend.name,
      skipped: backend.skipped,
      trainImages: train.images.length,
      validationImages: validationImages.length,
      tile: settings.tile,
      ...(fit.reducedFrom !== undefined ? { tileReducedFrom: fit.reducedFrom } : {}),
      threads: backend.threads,
      labelledPixels: countLabelled(train.images),
    },
  });
  try {
    const outcome = await runTraining(
      tf,
      backend.name,
      settings,
      { train: train.images, validation: validationImages },
      {
        classNames,
        labelKind: request.labelKind,
        normalisation: DEFAULT_NORMALISATION,
        ...(objectSizes.length > 0 ? { minObjectSize: learnMinObjectSize(objectSizes) } : {}),
        ...(request.classes ? { classes: request.classes } : {}),
      },
      request.outDir,
      {
        signal: context.signal,
        onProgress: (progress) => {
          lastProgress = progress;
          context.progress(progress);
        },
        resume: request.resume,
        afterStep,
      },
    );
    return { ...outcome, outDir: request.outDir, backend: backend.name };
  } finally {
    preview?.dispose();
  }
}
