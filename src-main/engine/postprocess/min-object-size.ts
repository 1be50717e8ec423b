// The default minimum object size, learned from what the biologist labelled rather than guessed:
// pixel sizes of cells vary by orders of magnitude with magnification, so no constant fits.

/** When nothing is labelled yet: removes specks of a few pixels, keeps anything cell-sized. */
export const FALLBACK_MIN_OBJECT_SIZE = 10;
/** The low percentile of labelled sizes taken as "the smallest real object" (robust to one odd label). */
export const MIN_SIZE_PERCENTILE = 5;
/** A fraction of it, so partly visible cells (cut by the image edge) and small ones survive. */
export const MIN_SIZE_FRACTION = 0.5;

/**
 * floor(MIN_SIZE_FRACTION x the MIN_SIZE_PERCENTILE-th percentile (nearest rank) of the labelled
 * object sizes), at least 1. Non-positive and non-finite sizes are ignored; with none left the
 * fallback FALLBACK_MIN_OBJECT_SIZE is returned. Example: sizes 1..100 -> P5 = 5 -> 2.
 */
export function learnMinObjectSize(objectSizes: number[]): number {
  const sizes = objectSizes.filter((s) => Number.isFinite(s) && s > 0).sort((a, b) => a - b);
  if (sizes.length === 0) return FALLBACK_MIN_OBJECT_SIZE;
  const rank = Math.max(1, Math.ceil((MIN_SIZE_PERCENTILE / 100) * sizes.length));
  const low = sizes[rank - 1]!;
  return Math.max(1, Math.floor(MIN_SIZE_FRACTION * low));
}
