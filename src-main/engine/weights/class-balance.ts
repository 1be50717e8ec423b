// w_c of the paper's Eq. 2: rarer classes weigh more so each class contributes equally to the loss.
// Counted over labelled pixels only, because with partial labels the unlabelled area says nothing
// about how frequent a class is.

/** Checks that `numClasses` can index a Uint8Array label map (1..255). */
export function assertClassCount(numClasses: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 255) {
    throw new RangeError(`numClasses must be an integer in 1..255, got ${numClasses}`);
  }
}

/**
 * Largest class weight. With partial labels one short stroke of a rare class beside a large
 * painted background is common: 20 px against 100 000 would weigh 2 500 each and swamp every step
 * (and the gradient's scale). 10 matches the border term's amplitude (w0), and leaves untouched
 * the weights of the data sets we train on (per fully labelled image: ISBI membranes 1.9-2.7,
 * DSB nuclei 1.5-3.6).
 */
export const MAX_CLASS_WEIGHT = 10;

/**
 * Weight per class index 1..numClasses (index 0 unused, 0): inverse frequency over labelled
 * pixels, w_k = N / (P * n_k) with N labelled pixels and P classes present, so the mean weight over
 * labelled pixels is exactly 1, except that no class weighs more than `MAX_CLASS_WEIGHT`. A class
 * absent from `labels` gets 1: no pixel of this map uses it, and 1 is the neutral value should
 * anyone display or reuse the table.
 */
export function classBalanceWeights(labels: Uint8Array, numClasses: number): Float32Array {
  assertClassCount(numClasses);
  const counts = new Float64Array(numClasses + 1);
  // A label above numClasses indexes past the end and is dropped; the total check below sees it.
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]! += 1;
  let labelled = 0;
  let present = 0;
  for (let k = 1; k <= numClasses; k++) {
    labelled += counts[k]!;
    if (counts[k]! > 0) present++;
  }
  if (labelled + counts[0]! !== labels.length) {
    throw new RangeError(`labels hold a class above numClasses (${numClasses})`);
  }
  const weights = new Float32Array(numClasses + 1);
  for (let k = 1; k <= numClasses; k++) {
    weights[k] = counts[k]! > 0 ? Math.min(MAX_CLASS_WEIGHT, labelled / (present * counts[k]!)) : 1;
  }
  return weights;
}
