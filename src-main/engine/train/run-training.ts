// The training loop: one large tile per step (the paper's batch of one), sampled where labels
// exist and augmented; validation every N steps; `last` and `best` checkpoints; resume; cancel.
import { join } from 'node:path';
import { Rng, labelledPixelIndex, sampleTrainingTile, type TrainingImage } from '../augment';
import { loadCheckpoint, restoreOptimizer, saveCheckpoint } from '../checkpoint/checkpoint-io';
import type { LabelKind, ModelMetadata, ProjectClass } from '../checkpoint/model-metadata';
import type { LabelledImage } from '../data/training-set';
import { weightedCrossEntropy } from '../loss/weighted-cross-entropy';
import { buildUNet, resizeUNet } from '../network/build-unet';
import { outputSize } from '../network/tile-geometry';
import type { Normalisation } from '../predict/normalise';
import type { LayersModel, Tf } from '../tf-types';
import { applyLearningRate, CONSTANT_RATE, learningRateAt } from './learning-rate-schedule';
import { makeOptimizer } from './make-optimizer';
import { cheapestPredictionTile } from './prediction-tile';
import type {
  HistoryEntry,
  TrainingProgress,
  TrainingSettings,
  ValidationMetrics,
} from './training-settings';
import { validate } from './validation';

export interface TrainingData {
  train: LabelledImage[];
  validation: LabelledImage[];
}

export interface ModelDescription {
  classNames: string[];
  labelKind: LabelKind;
  normalisation: Normalisation;
  minObjectSize?: number;
  /** The project's classes, for a model trained from painted labels. */
  classes?: ProjectClass[];
}

export interface TrainingOutcome {
  status: 'completed' | 'cancelled';
  steps: number;
  seconds: number;
  finalLoss: number;
  best?: ValidationMetrics & { step: number };
  history: HistoryEntry[];
}

export const LAST = 'last';
export const BEST = 'best';

/** Each step draws from its own generator, so a resumed run continues the same sequence. */
function stepRng(seed: number, step: number): Rng {
  return new Rng((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + step * 0x27d4eb2f) >>> 0);
}

function toSamplerImage(item: LabelledImage): TrainingImage {
  return {
    width: item.image.width,
    height: item.image.height,
    channels: item.image.channels,
    image: item.image.data,
    labels: item.labels,
    weights: item.weights,
    labelledIndex: labelledPixelIndex(item.labels),
  };
}

export async function runTraining(
  tf: Tf,
  backend: string,
  settings: TrainingSettings,
  data: TrainingData,
  description: ModelDescription,
  outDir: string,
  options: {
    signal?: AbortSignal;
    onProgress?: (progress: TrainingProgress) => void;
    resume?: boolean;
    /**
     * Called after each step's progress report with the model being trained (e.g. to preview
     * its prediction). It must not keep or dispose the model; training waits for it.
     */
    afterStep?: (model: LayersModel, step: number) => Promise<void>;
  } = {},
): Promise<TrainingOutcome> {
  const config = settings.network;
  const tileOut = outputSize(settings.tile, config);
  if (tileOut === undefined) throw new Error(`${settings.tile} px is not a valid training tile.`);
  const sources = data.train.map(toSamplerImage);
  const usable = sources.map((_, i) => i).filter((i) => sources[i]!.labelledIndex!.length > 0);
  if (usable.length === 0)
    throw new Error('There are no labelled pixels to learn from: paint some labels first.');

  let model: LayersModel;
  let step = 0;
  let history: HistoryEntry[] = [];
  let best: (ValidationMetrics & { step: number }) | undefined;
  const optimizer = makeOptimizer(tf, settings.optimizer);
  if (options.resume) {
    const checkpoint = await loadCheckpoint(tf, join(outDir, LAST));
    model = checkpoint.model;
    step = checkpoint.metadata.training.step;
    history = checkpoint.metadata.training.history as HistoryEntry[];
    const bestLoss = checkpoint.metadata.training.bestValidationLoss;
    const bestEntry = history.find(
      (entry) => entry.validation && entry.validation.loss === bestLoss,
    );
    if (bestEntry?.validation) best = { ...bestEntry.validation, step: bestEntry.step };
    await restoreOptimizer(tf, join(outDir, LAST), optimizer);
  } else {
    model = buildUNet(tf, config, settings.tile, settings.seed);
  }
  const variables = model.trainableWeights.map(
    (weight) => weight.read() as import('@tensorflow/tfjs').Variable,
  );

  const metadata = (): ModelMetadata => ({
    format: 'unet-studio-model',
    version: 1,
    network: config,
    tile: settings.tile,
    classNames: description.classNames,
    labelKind: description.labelKind,
    ...(description.classes ? { classes: description.classes } : {}),
    normalisation: description.normalisation,
    ...(description.minObjectSize !== undefined
      ? { minObjectSize: description.minObjectSize }
      : {}),
    training: {
      step,
      seed: settings.seed,
      config: settings,
      history,
      ...(best ? { bestValidationLoss: best.loss } : {}),
    },
    backend,
    savedAt: new Date().toISOString(),
  });

  const startedAt = Date.now();
  const startStep = step;
  const elapsed = () => (Date.now() - startedAt) / 1000;
  const recent: number[] = [];
  let lastLoss = NaN;
  const schedule = settings.learningRateSchedule ?? CONSTANT_RATE;
  let currentRate = settings.optimizer.learningRate;
  const report = (phase: TrainingProgress['phase'], validation?: ValidationMetrics) => {
    const seconds = elapsed();
    const rate = (step - startStep) / Math.max(seconds, 1e-3);
    const remaining =
      settings.steps !== undefined
        ? (settings.steps - step) / Math.max(rate, 1e-9)
        : settings.minutes !== undefined
          ? settings.minutes * 60 - seconds
          : undefined;
    const memory = tf.memory();
    options.onProgress?.({
      step,
      ...(settings.steps !== undefined ? { totalSteps: settings.steps } : {}),
      loss: lastLoss,
      learningRate: currentRate,
      smoothedLoss: recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : NaN,
      ...(validation ? { validation } : {}),
      tilesPerSecond: rate,
      ...(remaining !== undefined ? { etaSeconds: Math.max(0, remaining) } : {}),
      elapsedSeconds: seconds,
      memory: {
        tensors: memory.numTensors,
        tensorMegabytes: memory.numBytes / 2 ** 20,
        rssMegabytes: process.memoryUsage().rss / 2 ** 20,
      },
      backend,
      phase,
    });
  };
  // Progress through the budget, for the schedule: by steps when counted (a resumed run picks
  // up where it was), else by the clock (a resumed timed run anneals again over its new minutes).
  const budgetProgress = (): number | undefined =>
    settings.steps !== undefined
      ? step / Math.max(settings.steps, 1)
      : settings.minutes !== undefined
        ? elapsed() / (settings.minutes * 60)
        : undefined;
  const finished = () =>
    (settings.steps !== undefined && step >= settings.steps) ||
    (settings.minutes !== undefined && elapsed() >= settings.minutes * 60);

  const runValidation = async (): Promise<ValidationMetrics | undefined> => {
    if (data.validation.length === 0) return undefined;
    report('validating');
    // One predictor per tile size: a small image (a crop around painted pixels) is predicted on
    // a tile that suits it rather than on the largest one.
    const predictors = new Map<number, LayersModel>();
    const predictorFor = (item: LabelledImage): LayersModel => {
      const { width, height } = item.image;
      const tile = cheapestPredictionTile(config, width, height, settings.predictionTile);
      let predictor = predictors.get(tile);
      if (!predictor) {
        predictor = resizeUNet(tf, model, config, tile);
        predictors.set(tile, predictor);
      }
      return predictor;
    };
    try {
      return await validate(tf, predictorFor, config, data.validation, options.signal);
    } catch (error) {
      // Stopped mid-validation: skip it, so the loop ends as stopped and saves what it learned.
      if (options.signal?.aborted) return undefined;
      throw error;
    } finally {
      for (const predictor of predictors.values()) predictor.dispose();
    }
  };

  let status: TrainingOutcome['status'] = 'completed';
  try {
    while (!finished()) {
      if (options.signal?.aborted) {
        status = 'cancelled';
        break;
      }
      currentRate = learningRateAt(schedule, settings.optimizer.learningRate, budgetProgress());
      applyLearningRate(optimizer, currentRate);
      const rng = stepRng(settings.seed, step);
      const index = usable[rng.int(usable.length)]!;
      const tile = sampleTrainingTile(
        sources[index]!,
        settings.tile,
        tileOut,
        rng,
        settings.augment,
      );
      const cost = tf.tidy(() => {
        const x = tf.tensor4d(tile.image, [1, settings.tile, settings.tile, config.inputChannels]);
        const y = tf.tensor3d(Int32Array.from(tile.labels), [1, tileOut, tileOut], 'int32');
        const w = tf.tensor3d(tile.weights, [1, tileOut, tileOut]);
        return optimizer.minimize(
          () =>
            weightedCrossEntropy(
              tf,
              model.apply(x, { training: true }) as import('@tensorflow/tfjs').Tensor,
              y,
              w,
            ) as import('@tensorflow/tfjs').Scalar,
          true,
          variables,
        )!;
      });
      lastLoss = (await cost.data())[0]!;
      cost.dispose();
      if (!Number.isFinite(lastLoss)) {
        throw new Error(
          `Training diverged at step ${step + 1} (the loss is ${lastLoss}). Try a lower learning rate.`,
        );
      }
      step++;
      recent.push(lastLoss);
      if (recent.length > 20) recent.shift();
      const entry: HistoryEntry = { step, loss: lastLoss, elapsedSeconds: elapsed() };

      if (step % settings.validateEvery === 0 || finished()) {
        const validation = await runValidation();
        if (validation) {
          entry.validation = validation;
          if (!best || validation.loss < best.loss) {
            best = { ...validation, step };
            history.push(entry);
            report('saving', validation);
            await saveCheckpoint(tf, join(outDir, BEST), model, metadata());
          }
        }
      }
      if (history.at(-1) !== entry) history.push(entry);
      if (step % settings.checkpointEvery === 0) {
        report('saving', entry.validation);
        await saveCheckpoint(tf, join(outDir, LAST), model, metadata(), optimizer);
      }
      report('training', entry.validation);
      await options.afterStep?.(model, step);
      // Cancel messages and other work get a turn between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    report('saving');
    await saveCheckpoint(tf, join(outDir, LAST), model, metadata(), optimizer);
    if (!best) await saveCheckpoint(tf, join(outDir, BEST), model, metadata());
    report('done');
  } finally {
    model.dispose();
    optimizer.dispose();
  }
  return {
    status,
    steps: step,
    seconds: elapsed(),
    finalLoss: lastLoss,
    ...(best ? { best } : {}),
    history,
  };
}
