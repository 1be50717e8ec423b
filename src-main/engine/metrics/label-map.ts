// The array types a label map arrives in: 8-bit class masks, 16-bit instance files, and the
// Int32Array that connected-component labelling produces.

export type LabelMap = Int32Array | Uint16Array | Uint8Array;

/** Metrics compare pixel by pixel, so two maps of different sizes are a caller's bug, not a score. */
export function assertSameLength(pred: ArrayLike<number>, truth: ArrayLike<number>): void {
  if (pred.length !== truth.length) {
    throw new RangeError(
      `prediction and ground truth differ in size (${pred.length} vs ${truth.length} pixels)`,
    );
  }
}
