// The sparse contingency table of two label maps: how many pixels carry each (truth, prediction)
// label pair. Rand error and object matching both derive everything they need from it, so the
// pixels are read once.
import { assertSameLength, type LabelMap } from './label-map';
import { PairCounter } from './pair-counter';

/**
 * Counts, for every (truth, prediction) label pair except (0, 0), the pixels that carry it.
 * Neighbouring pixels usually share their pair, so runs are counted first and each run costs
 * one hash update: one linear pass, memory proportional to the number of distinct pairs.
 */
export function overlapTable(pred: LabelMap, truth: LabelMap): PairCounter {
  assertSameLength(pred, truth);
  const table = new PairCounter();
  const n = truth.length;
  if (n === 0) return table;
  let runTruth = truth[0]!;
  let runPred = pred[0]!;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const t = truth[i]!;
    const p = pred[i]!;
    if (t === runTruth && p === runPred) {
      run++;
      continue;
    }
    if (runTruth !== 0 || runPred !== 0) table.add(runTruth, runPred, run);
    runTruth = t;
    runPred = p;
    run = 1;
  }
  if (runTruth !== 0 || runPred !== 0) table.add(runTruth, runPred, run);
  return table;
}
