// The `weight-map` job: the paper's w(x) for one page of painted labels, computed in the compute
// process so that a large page (seconds of distance transforms) never holds main's event loop,
// where every click of the window is answered.
import type { JobContext } from '../../compute/job-registry';
import { AppError } from '../../ipc/app-error';
import { computeWeightMap } from '../weights';

export const WEIGHT_MAP_JOB = 'weight-map';

export interface WeightMapJobRequest {
  labels: Uint8Array;
  width: number;
  height: number;
  numClasses: number;
  w0: number;
  sigma: number;
  backgroundClass: number;
}

export interface WeightMapJobResult {
  weights: Float32Array;
}

export async function weightMapJob(
  request: WeightMapJobRequest,
  context: JobContext<never>,
): Promise<WeightMapJobResult> {
  if (context.signal.aborted) throw new AppError('cancelled', 'The weight map was cancelled.');
  const weights = computeWeightMap(request.labels, request.width, request.height, undefined, {
    numClasses: request.numClasses,
    w0: request.w0,
    sigma: request.sigma,
    backgroundClass: request.backgroundClass,
  });
  return { weights };
}
