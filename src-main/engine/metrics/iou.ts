// Intersection over union (Jaccard), per class and of the foreground, as in the paper's
// cell-tracking table.
import { assertSameLength } from './label-map';

/**
 * The confusion matrix of two class maps, row-major: entry `truth * numClasses + pred` counts
 * the pixels of class `truth` that were predicted as `pred`. A value outside 0..numClasses-1 is
 * refused rather than silently dropped, so a wrong `numClasses` cannot produce a good score.
 */
export function confusionCounts(
  pred: Uint8Array,
  truth: Uint8Array,
  numClasses: number,
): Float64Array {
  assertSameLength(pred, truth);
  if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 256) {
    throw new RangeError(`numClasses must be an integer from 1 to 256 (got ${numClasses})`);
  }
  const counts = new Float64Array(numClasses * numClasses);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = pred[i]!;
    if (t >= numClasses || p >= numClasses) {
      throw new RangeError(`pixel ${i} has class ${Math.max(t, p)}, beyond ${numClasses} classes`);
    }
    counts[t * numClasses + p]!++;
  }
  return counts;
}

/**
 * IoU of each class: |pred = c and truth = c| / |pred = c or truth = c|. A class that occurs in
 * neither map has no IoU: NaN, so that a mean over classes can skip it instead of counting an
 * absent class as perfect (1) or as a failure (0).
 */
export function perClassIoU(pred: Uint8Array, truth: Uint8Array, numClasses: number): number[] {
  const counts = confusionCounts(pred, truth, numClasses);
  const result: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    let truthTotal = 0;
    let predTotal = 0;
    for (let k = 0; k < numClasses; k++) {
      truthTotal += counts[c * numClasses + k]!;
      predTotal += counts[k * numClasses + c]!;
    }
    const intersection = counts[c * numClasses + c]!;
    const union = truthTotal + predTotal - intersection;
    result.push(union === 0 ? NaN : intersection / union);
  }
  return result;
}

/**
 * IoU of the foreground (non-zero pixels). When neither mask has any foreground the prediction
 * is exactly right, so the value is 1 (not NaN): an image with no cells, correctly left empty,
 * must not pull a mean over images down or poison it.
 */
export function foregroundIoU(pred: Uint8Array, truth: Uint8Array): number {
  assertSameLength(pred, truth);
  let intersection = 0;
  let union = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = pred[i]! !== 0;
    const t = truth[i]! !== 0;
    if (p && t) intersection++;
    if (p || t) union++;
  }
  return union === 0 ? 1 : intersection / union;
}
