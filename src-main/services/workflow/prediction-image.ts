// `predict:image`: one image page through a project model in the compute process, stored as a
// prediction (class map) the person can accept as labels. The checks a person can act on are
// made here first, in their words, before the compute process loads anything.
import { basename } from 'node:path';
import {
  MAX_PREDICTION_REVIEW_PIXELS,
  MAX_WHOLE_PAGE_OVERLAY_PIXELS,
  type ParsedRequestOf,
  type PredictionView,
} from '../../../src-preload/contract';
import type { PredictImageJobRequest, PredictImageJobResult } from '../../engine/jobs/job-types';
import { AppError, hasErrorCode } from '../../ipc/app-error';
import type { ImageRecord } from '../../store';
import { classMismatch, labelValues, modelClasses } from './model-classes';
import { requireModelFiles, requireModelRecord, type ModelFiles } from './model-files';
import type { WorkflowDeps } from './workflow-deps';

export const PREDICT_IMAGE_JOB = 'predict-image';

function requirePage(image: ImageRecord, page: number): void {
  if (page >= image.pages) {
    throw new AppError(
      'not-found',
      `This image has ${image.pages} page(s); page ${page + 1} does not exist.`,
    );
  }
}

function requireChannels(image: ImageRecord, files: ModelFiles, modelName: string): void {
  const wanted = files.metadata.network.inputChannels;
  if (image.channels === wanted) return;
  const plural = (n: number) => `${n} channel${n === 1 ? '' : 's'}`;
  throw new AppError(
    'unsupported',
    `"${basename(image.sourcePath)}" has ${plural(image.channels)}, but the model "${modelName}" was trained on images with ${plural(wanted)}. Predict it with a model trained on images like it.`,
  );
}

/** Typed array bytes as the contract carries them (a structured clone owns its buffer). */
function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export async function predictImage(
  deps: WorkflowDeps,
  request: ParsedRequestOf<'predict:image'>,
  signal?: AbortSignal,
): Promise<PredictionView> {
  const store = deps.store();
  const image = deps.images().requireRecord(request.imageId);
  requirePage(image, request.page);
  if (image.width * image.height > MAX_PREDICTION_REVIEW_PIXELS) {
    throw new AppError(
      'unsupported',
      `This image is ${image.width} x ${image.height}, too large to review a prediction of in the window. Segment it with Batch: the masks are written with the same model.`,
    );
  }
  const model = requireModelRecord(store, request.modelId);
  const files = await requireModelFiles(store, model);
  requireChannels(image, files, model.name);
  const projectClasses = store.listClasses();
  const classes = modelClasses(files.metadata, model.config, projectClasses);
  const mismatch = classMismatch(classes, projectClasses);
  if (mismatch) {
    throw new AppError(
      'unsupported',
      `The model "${model.name}" cannot label this project: ${mismatch}. Add those classes, or use a model trained in this project.`,
    );
  }

  const payload: PredictImageJobRequest = {
    modelDir: files.dir,
    imagePath: image.sourcePath,
    contentHash: image.contentHash,
    page: request.page,
    tta: request.tta,
    backend: 'auto',
    labelValues: labelValues(files.metadata, classes),
    // A page too large for a whole-page overlay gets its class map only (drawn tile by tile).
    withProbability: image.width * image.height <= MAX_WHOLE_PAGE_OVERLAY_PIXELS,
  };
  let result: PredictImageJobResult;
  try {
    result = await deps.compute.request<PredictImageJobResult>(PREDICT_IMAGE_JOB, payload, {
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    // The compute process found the file gone or changed: the image list should say so too.
    if (hasErrorCode(error) && (error.code === 'file-missing' || error.code === 'file-changed'))
      store.setImageStatus(image.id, error.code === 'file-missing' ? 'missing' : 'changed');
    throw error;
  }

  const prediction = store.addPrediction({
    imageId: image.id,
    modelId: model.id,
    page: request.page,
    classMap: result.classes,
  });
  return {
    predictionId: prediction.id,
    imageId: image.id,
    page: request.page,
    modelId: model.id,
    width: result.width,
    height: result.height,
    classes: result.classes,
    foregroundProbability: result.foregroundProbability && bytesOf(result.foregroundProbability),
    tiles: result.tiles,
    inputTile: result.inputTile,
    tta: request.tta,
    engine: result.engine,
    seconds: result.seconds,
  };
}
