// The `train` job: read the folders, build the settings from a preset and the person's
// overrides, train, and report progress. Runs in the compute process.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobContext } from '../../compute/job-registry';
import { loadBackend } from '../backend/load-backend';
import { readCheckpointMetadata } from '../checkpoint/checkpoint-io';
import { BINARY_CLASS_NAMES } from '../data/label-conversion';
import { pairImagesWithLabels, type FilePair } from '../data/pair-files';
import { loadLabelledSet } from '../data/training-set';
import { isValidInput, largestValidInputAtMost } from '../network/tile-geometry';
import { PRESETS, type UNetConfig } from '../network/unet-config';
import { learnMinObjectSize } from '../postprocess';
import { DEFAULT_NORMALISATION } from '../predict/normalise';
import {
  CONSTANT_RATE,
  COSINE_ANNEALING,
  type LearningRateSchedule,
} from '../train/learning-rate-schedule';
import { LAST, runTraining } from '../train/run-training';
import { fitTrainingTile, trainingBudgetBytes } from '../train/training-memory';
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

async function splitPairs(
  request: TrainJobRequest,
): Promise<{ train: FilePair[]; validation: FilePair[] }> {
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

export async function trainJob(
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
  };
  const train = await loadLabelledSet(
    split.train,
    request.labelKind,
    DEFAULT_NORMALISATION,
    weightSettings,
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
  const classNames =
    request.labelKind === 'classes'
      ? Array.from({ length: train.numClasses }, (_, k) => `Class ${k}`)
      : BINARY_CLASS_NAMES;
  const objectSizes = train.images.flatMap((item) => item.objectSizes);
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
      validationImages: validation.images.length,
      tile: settings.tile,
      ...(fit.reducedFrom !== undefined ? { tileReducedFrom: fit.reducedFrom } : {}),
    },
  });
  const outcome = await runTraining(
    tf,
    backend.name,
    settings,
    { train: train.images, validation: validation.images },
    {
      classNames,
      labelKind: request.labelKind,
      normalisation: DEFAULT_NORMALISATION,
      ...(objectSizes.length > 0 ? { minObjectSize: learnMinObjectSize(objectSizes) } : {}),
    },
    request.outDir,
    {
      signal: context.signal,
      onProgress: (progress) => context.progress(progress),
      resume: request.resume,
    },
  );
  return { ...outcome, outDir: request.outDir, backend: backend.name };
}
