// The `predict-image` job: one image page through a model, for review in the window. Returns the
// class map in project label values, the probability of "not the first class" and the tiles of
// the overlap-tile plan. The model stays loaded for the next request (prediction-engine-slot.ts).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JobContext } from '../../compute/job-registry';
import { decodeImage } from '../../imaging/decode';
import { toSingleChannelIfGray } from '../../imaging/display';
import { ImageReadError } from '../../imaging/errors';
import type { Raster } from '../../imaging/raster';
import { AppError } from '../../ipc/app-error';
import { hashBytes } from '../../services/file-identity';
import { planTiles, predictTiles } from '../predict/overlap-tile';
import { choosePredictionTile } from '../predict/tile-budget';
import type { PredictImageJobRequest, PredictImageJobResult } from './job-types';
import { channelMismatch, rawNetworkInput } from './network-input';
import { checkpointToUse } from './model-dir';
import { PredictionEngineSlot } from './prediction-engine-slot';
import { outputTiles, predictionMapsSink } from './prediction-maps';

/** One per compute process: the model of the latest prediction. */
const slot = new PredictionEngineSlot();

/** Frees the model kept for the next prediction (tests check that nothing is left behind). */
export function releasePredictImageModel(): Promise<void> {
  return slot.release();
}

async function readImage(request: PredictImageJobRequest): Promise<Raster> {
  const name = basename(request.imagePath);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(request.imagePath));
  } catch {
    throw new AppError(
      'file-missing',
      `"${name}" is no longer at ${request.imagePath}. If it was moved, relink it to its new place.`,
    );
  }
  if (hashBytes(bytes) !== request.contentHash) {
    throw new AppError(
      'file-changed',
      `"${name}" was changed on disk since it was added, so it was not predicted. Relink it to the original file.`,
    );
  }
  try {
    return toSingleChannelIfGray(decodeImage(bytes, name));
  } catch (error) {
    if (error instanceof ImageReadError)
      throw new AppError('unreadable-image', `"${name}" cannot be read: ${error.reason}.`);
    throw error;
  }
}

function requireModel(modelDir: string): void {
  try {
    checkpointToUse(modelDir);
  } catch {
    throw new AppError(
      'not-found',
      `The model's files are no longer in ${modelDir}, so it cannot predict. Train it again, or put its folder back.`,
    );
  }
}

export async function predictImageJob(
  request: PredictImageJobRequest,
  context: JobContext,
): Promise<PredictImageJobResult> {
  const startedAt = Date.now();
  requireModel(request.modelDir);
  const raster = await readImage(request);
  if (request.page >= raster.pages) {
    throw new AppError(
      'not-found',
      `This image has ${raster.pages} page(s); page ${request.page + 1} does not exist.`,
    );
  }
  const options = {
    backend: request.backend,
    ...(request.engine ? { engine: request.engine } : {}),
  };
  return slot.use(request.modelDir, options, async (engine, reusedModel) => {
    if (context.signal.aborted) throw new AppError('cancelled', 'The prediction was cancelled.');
    const { metadata } = engine;
    const mismatch = channelMismatch(raster.channels, metadata);
    if (mismatch) {
      throw new AppError(
        'unsupported',
        `"${basename(request.imagePath)}" cannot be predicted with this model: ${mismatch}.`,
      );
    }
    const config = metadata.network;
    const { width, height } = raster;
    const inputTile = choosePredictionTile(config, width, height);
    const plan = planTiles(width, height, inputTile, config);
    const withProbability = request.withProbability ?? true;
    const maps = {
      classes: new Uint8Array(width * height),
      foregroundProbability: withProbability ? new Float32Array(width * height) : null,
    };
    await predictTiles(
      engine.runnerAt(inputTile),
      config,
      rawNetworkInput(raster, request.page, metadata),
      predictionMapsSink(maps, width, config.numClasses, request.labelValues),
      { testTimeAugmentation: request.tta, signal: context.signal },
    );
    return {
      width,
      height,
      ...maps,
      tiles: outputTiles(plan, width, height),
      inputTile,
      engine: engine.engine,
      reusedModel,
      seconds: (Date.now() - startedAt) / 1000,
    };
  });
}
