// The paper's weight map w(x) for the painted labels of one page, so the person can see where the
// loss will push hardest (the gaps between touching objects) before training.
//
// The labels are read here and the map is computed in the compute process (`weight-map` job):
// 512 x 512 with 60 painted objects takes 55-200 ms, 2048 x 2048 with 400 objects 0.4-0.8 s,
// and an 8192 x 8192 page several seconds, which on main would freeze every other request of
// the window. Pages above MAX_WHOLE_PAGE_OVERLAY_PIXELS get no whole-page map at all.
import {
  MAX_WHOLE_PAGE_OVERLAY_PIXELS,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../../src-preload/contract';
import { AppError } from '../../ipc/app-error';
import {
  WEIGHT_MAP_JOB,
  type WeightMapJobRequest,
  type WeightMapJobResult,
} from '../../engine/jobs/weight-map-job';
import { classBalanceWeights } from '../../engine/weights';
import type { WorkflowDeps } from './workflow-deps';

/** Class index 1, the project's first class, is the background that separates objects. */
export const BACKGROUND_CLASS = 1;

export async function computeWeightMapView(
  deps: WorkflowDeps,
  request: ParsedRequestOf<'weights:compute'>,
): Promise<ResponseOf<'weights:compute'>> {
  const { imageId, page, w0, sigma } = request;
  const image = deps.images().requireRecord(imageId);
  if (image.width * image.height > MAX_WHOLE_PAGE_OVERLAY_PIXELS) {
    throw new AppError(
      'unsupported',
      `This image is ${image.width} x ${image.height}: its weight map is too large to show. Training still computes and uses it.`,
    );
  }
  const store = deps.store();
  const { width, height, data: labels } = store.readLabelMap(imageId, page);
  const classes = store.listClasses();

  // numClasses is the largest class index (classes may have gaps). A pixel still painted with a
  // class that was since removed counts as its own class rather than breaking the map.
  const counts = new Uint32Array(256);
  for (const label of labels) counts[label]!++;
  const painted: number[] = [];
  for (let index = 1; index < 256; index++) if (counts[index]! > 0) painted.push(index);
  const numClasses = Math.max(2, ...classes.map((c) => c.index), ...painted);
  const labelledPixels = labels.length - counts[0]!;

  const job: WeightMapJobRequest = {
    labels,
    width,
    height,
    numClasses,
    w0,
    sigma,
    backgroundClass: BACKGROUND_CLASS,
  };
  const { weights } = await deps.compute.request<WeightMapJobResult>(WEIGHT_MAP_JOB, job);
  let max = 0;
  for (const w of weights) if (w > max) max = w;

  // Balance weights of the painted classes only: an unpainted class has no weight to show.
  const balance = classBalanceWeights(labels, numClasses);
  const classWeights = painted.map((index) => ({ index, weight: balance[index]! }));

  return {
    imageId,
    page,
    width,
    height,
    data: new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength),
    max,
    classWeights,
    w0,
    sigma,
    labelledPixels,
  };
}
