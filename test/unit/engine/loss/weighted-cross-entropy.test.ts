import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { weightedCrossEntropy } from '../../../../src-main/engine/loss/weighted-cross-entropy';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('weighted softmax cross-entropy', () => {
  it('equals a hand-computed value', () => {
    // Two labelled pixels and one unlabelled, K = 2.
    // pixel a: logits (0, ln 3) -> p = (1/4, 3/4), label 2 -> CE = -ln(3/4), weight 2
    // pixel b: logits (0, 0)    -> p = (1/2, 1/2), label 1 -> CE = ln 2,     weight 1
    // pixel c: unlabelled, weight 0
    // loss = (2 * -ln(3/4) + ln 2) / 2 labelled pixels
    const expected = (2 * -Math.log(3 / 4) + Math.log(2)) / 2;
    const before = tf.memory().numTensors;
    const loss = tf.tidy(() =>
      weightedCrossEntropy(
        tf,
        tf.tensor4d([0, Math.log(3), 0, 0, 5, -5], [1, 1, 3, 2]),
        tf.tensor3d([2, 1, 0], [1, 1, 3], 'int32'),
        tf.tensor3d([2, 1, 0], [1, 1, 3]),
      ),
    );
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 6);
    loss.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives exactly zero gradient from ignored pixels', () => {
    const labels = tf.tensor3d([1, 0, 2, 0], [1, 2, 2], 'int32');
    const weights = tf.tensor3d([1.5, 0, 3, 0], [1, 2, 2]);
    const logits = tf.randomNormal([1, 2, 2, 3], 0, 2, 'float32', 1);
    const grad = tf.grad((x: tf.Tensor) => weightedCrossEntropy(tf, x, labels, weights))(logits);
    const g = grad.arraySync() as number[][][][];
    // Pixels (0,1) and (1,1) are unlabelled: every class's gradient is exactly 0.
    expect(g[0]![0]![1]!.map(Math.abs)).toEqual([0, 0, 0]);
    expect(g[0]![1]![1]!.map(Math.abs)).toEqual([0, 0, 0]);
    expect(Math.max(...g[0]![0]![0]!.map(Math.abs))).toBeGreaterThan(1e-3);
    tf.dispose([labels, weights, logits, grad]);
  });

  it('does not change when ignored pixels change their logits', () => {
    const labels = tf.tensor3d([1, 0], [1, 1, 2], 'int32');
    const weights = tf.tensor3d([1, 0], [1, 1, 2]);
    const a = weightedCrossEntropy(tf, tf.tensor4d([1, 2, 3, 4], [1, 1, 2, 2]), labels, weights);
    const b = weightedCrossEntropy(tf, tf.tensor4d([1, 2, -30, 90], [1, 1, 2, 2]), labels, weights);
    expect(a.dataSync()[0]).toBe(b.dataSync()[0]);
    tf.dispose([labels, weights, a, b]);
  });
});
