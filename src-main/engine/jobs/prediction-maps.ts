// Per-pixel class probabilities (NHWC, K classes) as the window shows them: the label value of
// the most probable class, and the probability of "not the first class" (foreground for a
// binary model), which the review overlay draws as a heat map; and the tiles it was made of.
import type { TileOutputSink, TilePlan } from '../predict/overlap-tile';
import type { TileRectangle } from './job-types';

export interface PredictionMaps {
  classes: Uint8Array;
  foregroundProbability: Float32Array;
}

/** The maps filled tile by tile; the probability map may be left out (very large pages). */
export type StreamedPredictionMaps = Omit<PredictionMaps, 'foregroundProbability'> & {
  foregroundProbability: Float32Array | null;
};

/**
 * `labelValues[c]` is the label value of network class c, 0 for a class that must never win a
 * pixel (one the model never learned); without it class c is label c + 1, the convention
 * training uses (label 0 = unlabelled, label k = network class k - 1).
 */
export function labelsFromProbabilities(
  probabilities: Float32Array,
  pixels: number,
  classes: number,
  labelValues?: readonly number[],
): PredictionMaps {
  if (labelValues && labelValues.length !== classes)
    throw new Error(
      `The model has ${classes} classes but ${labelValues.length} label values were given.`,
    );
  const valueOf = Uint8Array.from({ length: classes }, (_, c) => labelValues?.[c] ?? c + 1);
  const candidates = [...valueOf.keys()].filter((c) => valueOf[c]! > 0);
  if (candidates.length === 0) throw new Error('No class of the model has a label value.');
  const labels = new Uint8Array(pixels);
  const foregroundProbability = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const base = i * classes;
    let best = candidates[0]!;
    for (const c of candidates)
      if (probabilities[base + c]! > probabilities[base + best]!) best = c;
    labels[i] = valueOf[best]!;
    // 1 - p0 can leave [0, 1] by a rounding error; the overlay expects a probability.
    const p = 1 - probabilities[base]!;
    foregroundProbability[i] = p < 0 ? 0 : p > 1 ? 1 : p;
  }
  return { classes: labels, foregroundProbability };
}

/**
 * The same maps filled tile by tile as prediction runs (see predictTiles), so that the whole
 * image's K-class probability map is never held: for a 16k x 16k page and 2 classes that map
 * alone would take 2 GB.
 */
export function predictionMapsSink(
  maps: StreamedPredictionMaps,
  width: number,
  classes: number,
  labelValues?: readonly number[],
): TileOutputSink {
  return (values, x0, y0, rows, cols, outputSize) => {
    for (let ty = 0; ty < rows; ty++) {
      const row = labelsFromProbabilities(
        values.subarray(ty * outputSize * classes, (ty * outputSize + cols) * classes),
        cols,
        classes,
        labelValues,
      );
      const at = (y0 + ty) * width + x0;
      maps.classes.set(row.classes, at);
      maps.foregroundProbability?.set(row.foregroundProbability, at);
    }
  };
}

/**
 * The part of the image each tile of the plan predicted. A tile's output window is outputSize
 * wide, but the next tile starts one stride later and overwrites the overlap: what a tile
 * contributes is one stride, clipped to the image, so the rectangles cover it exactly once.
 */
export function outputTiles(plan: TilePlan, width: number, height: number): TileRectangle[] {
  return plan.origins.map(({ x, y }) => ({
    x,
    y,
    width: Math.min(plan.stride, width - x),
    height: Math.min(plan.stride, height - y),
  }));
}
