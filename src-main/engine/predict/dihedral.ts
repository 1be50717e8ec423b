// The 8 rotations and flips of a square tile, for test-time averaging (the paper averaged
// predictions over rotated versions of the input).
import type { Tensor, Tf } from '../tf-types';

export const DIHEDRAL_COUNT = 8;

/** Transform k (0..7) of an NHWC tile: k & 3 quarter turns, then a flip when k >= 4. */
export function dihedral(tf: Tf, x: Tensor, k: number): Tensor {
  return tf.tidy(() => {
    let y = x;
    for (let turn = 0; turn < (k & 3); turn++) y = tf.reverse(tf.transpose(y, [0, 2, 1, 3]), 2);
    // Always a new tensor, so the caller may dispose it without touching the input.
    return k >= 4 ? tf.reverse(y, 2) : tf.clone(y);
  });
}

/** The inverse of `dihedral(·, k)`. */
export function inverseDihedral(tf: Tf, x: Tensor, k: number): Tensor {
  return tf.tidy(() => {
    let y = k >= 4 ? tf.reverse(x, 2) : x;
    for (let turn = 0; turn < (k & 3); turn++) y = tf.transpose(tf.reverse(y, 2), [0, 2, 1, 3]);
    return tf.clone(y);
  });
}
