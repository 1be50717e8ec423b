import type { TileOutputSink } from './overlap-tile';

/** The most probable class per pixel, 0-based (0 = the first class, background by convention). */
export function argmaxClasses(
  probabilities: Float32Array,
  pixels: number,
  classes: number,
): Uint8Array {
  const out = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) {
    let best = 0;
    let bestValue = probabilities[i * classes]!;
    for (let k = 1; k < classes; k++) {
      const value = probabilities[i * classes + k]!;
      if (value > bestValue) {
        bestValue = value;
        best = k;
      }
    }
    out[i] = best;
  }
  return out;
}

/** One class's probability plane. */
export function classPlane(
  probabilities: Float32Array,
  pixels: number,
  classes: number,
  k: number,
): Float32Array {
  const out = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) out[i] = probabilities[i * classes + k]!;
  return out;
}

/**
 * A tile sink (see predictTiles) writing the most probable class of each pixel into `labels`
 * (width wide) as tiles arrive: the same result as argmaxClasses over the whole probability map,
 * without ever holding that map (for a 16k x 16k image and 2 classes it would take 2 GB).
 */
export function argmaxSink(labels: Uint8Array, width: number, classes: number): TileOutputSink {
  return (values, x0, y0, rows, cols, outputSize) => {
    for (let ty = 0; ty < rows; ty++) {
      const row = (y0 + ty) * width + x0;
      const from = ty * outputSize;
      labels.set(
        argmaxClasses(values.subarray(from * classes, (from + cols) * classes), cols, classes),
        row,
      );
    }
  };
}

/** A tile sink copying class k's probabilities into `plane` (width wide). */
export function classPlaneSink(
  plane: Float32Array,
  width: number,
  classes: number,
  k: number,
): TileOutputSink {
  return (values, x0, y0, rows, cols, outputSize) => {
    for (let ty = 0; ty < rows; ty++) {
      const row = (y0 + ty) * width + x0;
      const from = ty * outputSize * classes;
      for (let x = 0; x < cols; x++) plane[row + x] = values[from + x * classes + k]!;
    }
  };
}
