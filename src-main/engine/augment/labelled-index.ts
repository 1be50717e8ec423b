// Labels are partial: a tile centred on unlabelled ground trains on nothing. Tile centres are drawn
// from the labelled pixels, so the chance of a region is proportional to how much of it is labelled.

/** Indices (y * width + x) of every labelled (non-zero) pixel, ascending. Compute once per image. */
export function labelledPixelIndex(labels: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0) count++;
  const index = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0) index[k++] = i;
  return index;
}
