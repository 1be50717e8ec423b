// The per-pixel loss weight of the paper's Eq. 2:
//   w(x) = w_c(x) + w0 * exp(-(d1(x) + d2(x))^2 / (2 sigma^2)),  w0 = 10, sigma ~ 5 px,
// and exactly 0 where nothing is labelled, so partial labels train only on what was painted.
import { assertClassCount, classBalanceWeights } from './class-balance';
import { instancesOfNonBackground } from './instances';
import { borderCutoff, nearestTwoInstanceDistances } from './nearest-instances';

export interface WeightMapOptions {
  /** Border weight amplitude; paper: 10. */
  w0?: number;
  /** Border weight width in pixels; paper: ~5. */
  sigma?: number;
  /** The class that separates instances; used to find instances when none are given. */
  backgroundClass?: number;
  numClasses: number;
}

/**
 * `instances`, when given, should already be separated (`separateTouchingInstances`) with the gap
 * labelled background: the border term lives in that gap. When omitted, instances are the connected
 * components (8-connectivity) of every labelled class other than `backgroundClass`.
 *
 * The border term is added only to labelled pixels outside every instance (the separating
 * background and the background around cells). Inside a cell d1 = 0, so the term would be
 * w0 * exp(-d2^2 / (2 sigma^2)) and would also inflate the interiors of neighbouring cells; the
 * paper's weight map (Fig. 3d) is high in the gaps between cells, and that is what forces the
 * network to separate them. Pixels inside an instance get w_c only.
 *
 * The term is dropped (exactly w_c) where the second-nearest instance is beyond
 * `borderCutoff(w0, sigma)`: there it is below 1e-3, and dropping it keeps plain background exact.
 */
export function computeWeightMap(
  labels: Uint8Array,
  width: number,
  height: number,
  instances: Int32Array | undefined,
  options: WeightMapOptions,
): Float32Array {
  const n = width * height;
  if (labels.length !== n)
    throw new RangeError(`labels have ${labels.length} pixels, expected ${n}`);
  if (instances && instances.length !== n) {
    throw new RangeError(`instances have ${instances.length} pixels, expected ${n}`);
  }
  const { w0 = 10, sigma = 5, backgroundClass = 1, numClasses } = options;
  assertClassCount(numClasses);
  if (!(w0 >= 0) || !Number.isFinite(w0))
    throw new RangeError(`w0 must be finite and >= 0, got ${w0}`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) {
    throw new RangeError(`sigma must be finite and >= 0, got ${sigma}`);
  }

  const classWeights = classBalanceWeights(labels, numClasses);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) weights[i] = labels[i] === 0 ? 0 : classWeights[labels[i]!]!;

  const cutoff = borderCutoff(w0, sigma);
  if (cutoff === 0) return weights;
  const ids = instances ?? instancesOfNonBackground(labels, width, height, backgroundClass);
  const { d1, d2 } = nearestTwoInstanceDistances(ids, width, height, cutoff);
  const twoSigmaSquared = 2 * sigma * sigma;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 0 || ids[i] !== 0 || d2[i]! >= cutoff) continue;
    const s = d1[i]! + d2[i]!;
    weights[i] = weights[i]! + w0 * Math.exp(-(s * s) / twoSigmaSquared);
  }
  return weights;
}
