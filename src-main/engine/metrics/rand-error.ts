// Rand error as the ISBI 2012 challenge scores it: 1 - the foreground-restricted Rand F-score
// V_rand (Arganda-Carreras et al. 2015, "Crowdsourcing the creation of image segmentation
// algorithms for connectomics", Front. Neuroanat. 9:142), computed exactly as Fiji's
// trainableSegmentation.metrics.RandError.foregroundRestrictedStatsN2 does.
//
// With N_ij the number of pixels in truth segment i and predicted segment j, over the pixels
// where the truth is foreground (i > 0; truth background/membrane is ignored):
//   A_i   = sum_j N_ij            (truth segment sizes, j = 0 included)
//   B_j   = sum_{i>0} N_ij        (predicted segment sizes inside the evaluated region, j > 0)
//   c0    = sum_{i>0} N_i0        (evaluated pixels the prediction left as background)
//   sumAB = sum_{i>0,j>0} N_ij^2 + c0
//   V_split = sumAB / sum_i A_i^2           (falls when a truth segment is cut apart)
//   V_merge = sumAB / (sum_{j>0} B_j^2 + c0)  (falls when truth segments are joined)
//   V_rand  = 2 V_split V_merge / (V_split + V_merge)
// Predicted background inside the truth foreground is not a segment of its own: each such pixel
// counts as a singleton segment (the c0 terms), as in Fiji and the SNEMI3D/CREMI adapted Rand.
// So leaving a cell unsegmented is penalised as shattering it, never rewarded as one big segment.
// All sums use counts rather than probabilities; the 1/n^2 factors cancel in every ratio.
// (The challenge additionally thins borders and takes the best score over thresholds of a
// probability map; that search belongs to the caller. This is the score of one segmentation.)
import { labelComponents } from '../morphology/connected-components';
import type { LabelMap } from './label-map';
import { overlapTable } from './overlap-table';
import { PairCounter } from './pair-counter';

export interface RandScores {
  /** 1 - V_rand: 0 for a perfect segmentation, towards 1 for a useless one. */
  randError: number;
  /** V_rand_split, a score in [0, 1]: 1 when no truth segment is split. */
  split: number;
  /** V_rand_merge, a score in [0, 1]: 1 when no two truth segments are merged. */
  merge: number;
}

/**
 * The foreground-restricted Rand error of `pred` against `truth`, both segment maps (0 =
 * background, any other value = a segment id). When the truth has no foreground there is nothing
 * to evaluate and nothing can be wrong: error 0, split 1, merge 1.
 */
export function randError(pred: LabelMap, truth: LabelMap): RandScores {
  const table = overlapTable(pred, truth);
  const truthSizes = new PairCounter(table.size);
  const predSizes = new PairCounter(table.size);
  let jointSquares = 0;
  let unsegmented = 0; // c0
  table.forEach((t, p, count) => {
    if (t === 0) return; // truth background: outside the evaluated region
    truthSizes.add(t, 0, count);
    if (p === 0) {
      unsegmented += count;
    } else {
      predSizes.add(p, 0, count);
      jointSquares += count * count;
    }
  });
  let truthSquares = 0;
  truthSizes.forEach((_t, _0, size) => {
    truthSquares += size * size;
  });
  let predSquares = 0;
  predSizes.forEach((_p, _0, size) => {
    predSquares += size * size;
  });

  if (truthSquares === 0) return { randError: 0, split: 1, merge: 1 };
  const sumAB = jointSquares + unsegmented;
  const split = sumAB / truthSquares;
  const merge = sumAB / (predSquares + unsegmented);
  // 2PR / (P + R) simplifies to 2 sumAB / (sumA + sumB); it is never 0/0 here since sumA > 0.
  const fScore = (2 * sumAB) / (truthSquares + predSquares + unsegmented);
  return { randError: 1 - fScore, split, merge };
}

/**
 * The segments the ISBI 2012 scoring compares: connected components of the cell-interior mask
 * (non-zero = interior) under 4-connectivity, so that a one-pixel diagonal membrane still
 * separates two cells, as in Fiji's evaluation scripts.
 */
export function segmentsFromForeground(
  mask: ArrayLike<number>,
  width: number,
  height: number,
): Int32Array {
  if (mask.length !== width * height) {
    throw new RangeError(`mask has ${mask.length} pixels, expected ${width} x ${height}`);
  }
  return labelComponents(mask, width, height, 4).labels;
}
