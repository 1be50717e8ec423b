// Helpers for comparing ONNX Runtime with tfjs on the same network and the same tiles.
import type * as tfjs from '@tensorflow/tfjs';

/** Uniform values in [0, 1) from a seeded Lehmer generator: the same input for every engine. */
export function randomValues(count: number, seed: number): Float32Array {
  let s = seed;
  return new Float32Array(count).map(() => (s = (s * 16807) % 2147483647) / 2147483647);
}

/** A square NHWC tile of random values. */
export function randomTile(size: number, channels: number, seed: number): Float32Array {
  return randomValues(size * size * channels, seed);
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** softmax(model.predict(tile)) as NHWC values, leaving no tensors behind. */
export function tfjsProbabilities(
  tf: typeof tfjs,
  model: tfjs.LayersModel,
  tile: Float32Array,
  size: number,
  channels: number,
): Float32Array {
  return tf.tidy(() => {
    const logits = model.predict(tf.tensor4d(tile, [1, size, size, channels])) as tfjs.Tensor;
    return tf.softmax(logits, -1).dataSync() as Float32Array;
  });
}
