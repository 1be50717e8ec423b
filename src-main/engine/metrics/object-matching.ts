// Object-level detection scores for instance segmentations (nuclei, cells): a predicted object
// counts as found when its IoU with a truth object reaches the threshold.
import type { LabelMap } from './label-map';
import { overlapTable } from './overlap-table';
import { PairCounter } from './pair-counter';

export interface ObjectScores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean IoU of the matched pairs: how well the found objects are outlined. */
  meanMatchedIoU: number;
}

/**
 * Matches the objects of two instance maps (0 = background, other values = object ids).
 *
 * With a threshold of at least 0.5 the matching is unique and needs no optimisation: IoU > 0.5
 * means the pair shares more than half of each object, which no third object can also do. At
 * exactly 0.5 the only possible tie is one object split into two exact halves (both IoU 0.5);
 * either half matches and the scores are the same. Thresholds below 0.5 would need an optimal
 * assignment (Hungarian), so they are refused rather than answered approximately.
 *
 * Degenerate cases are defined so they never produce NaN: no objects in either map scores 1
 * throughout (nothing to find, nothing wrong); precision with no predictions and recall with no
 * truth objects are 1 (no false claims / nothing missed); meanMatchedIoU is 0 when nothing
 * matched while objects exist.
 */
export function objectMatching(pred: LabelMap, truth: LabelMap, iouThreshold = 0.5): ObjectScores {
  if (!(iouThreshold >= 0.5 && iouThreshold <= 1)) {
    throw new RangeError(
      `iouThreshold must be in [0.5, 1] for unique matching (got ${iouThreshold})`,
    );
  }
  const table = overlapTable(pred, truth);
  const predSizes = new PairCounter(table.size);
  const truthSizes = new PairCounter(table.size);
  table.forEach((t, p, count) => {
    if (t !== 0) truthSizes.add(t, 0, count);
    if (p !== 0) predSizes.add(p, 0, count);
  });

  const matchedPred = new PairCounter();
  const matchedTruth = new PairCounter();
  let tp = 0;
  let iouSum = 0;
  table.forEach((t, p, overlap) => {
    if (t === 0 || p === 0) return;
    const iou = overlap / (predSizes.get(p, 0) + truthSizes.get(t, 0) - overlap);
    if (iou < iouThreshold) return;
    if (matchedPred.get(p, 0) !== 0 || matchedTruth.get(t, 0) !== 0) return; // the 0.5 tie
    matchedPred.add(p, 0, 1);
    matchedTruth.add(t, 0, 1);
    tp++;
    iouSum += iou;
  });

  const fp = predSizes.size - tp;
  const fn = truthSizes.size - tp;
  const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);
  return {
    tp,
    fp,
    fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    meanMatchedIoU: tp > 0 ? iouSum / tp : fp + fn === 0 ? 1 : 0,
  };
}
