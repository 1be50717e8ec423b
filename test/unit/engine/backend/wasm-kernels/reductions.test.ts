import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOurKernel } from '../../../../../src-main/engine/backend/wasm-kernels';
import { expectSameOnWasm, randomTensor, rng, useWasmWithOurKernels } from '../kernel-check';

const random = rng(7);
const x = randomTensor([2, 10, 11, 6], random);

describe('wasm Sum and MaxPoolGrad against the cpu backend', () => {
  beforeAll(useWasmWithOurKernels);

  it('replaces the stock kernels', () => {
    expect(isOurKernel('Sum')).toBe(true);
    expect(isOurKernel('MaxPoolGrad')).toBe(true);
  });

  it.each([
    ['all but channels (bias gradient)', [0, 1, 2], false],
    ['all but channels, unordered, kept', [2, 0, 1], true],
    ['rows and columns (stock path)', [1, 2], false],
    ['everything (stock path)', null, false],
  ] as const)('sums over %s', async (label, axes, keepDims) => {
    await expectSameOnWasm(`sum ${label}`, { x }, (t) =>
      tf.sum(t.x!, axes == null ? undefined : [...axes], keepDims),
    );
  });

  it('sums a 2D matrix down its rows', async () => {
    await expectSameOnWasm('sum 2d', { x }, (t) => tf.sum(t.x!.reshape([220, 6]), 0));
  });

  // The gradient goes to the first maximum of each window: ReLU outputs have many tied zeros,
  // and clamping to [0, 0.3] ties the positive values too.
  it.each([
    [2, 2, 'valid'],
    [2, 2, 'same'],
    [3, 2, 'same'],
    [3, 1, 'same'],
    [3, 3, 'valid'],
  ] as const)('back-propagates max pooling %i stride %i %s', async (size, stride, pad) => {
    await expectSameOnWasm(`maxPool grad ${size} s${stride} ${pad}`, { x }, (t) => {
      const input = tf.clipByValue(t.x!, 0, 0.3) as tf.Tensor4D;
      const outShape = tf.maxPool(input, size, stride, pad).shape;
      const weights = tf.range(1, 1 + outShape.reduce((a, b) => a * b, 1)).reshape(outShape);
      return tf.grad((v: tf.Tensor) =>
        tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, size, stride, pad), weights)),
      )(input);
    });
  });

  // Even sizes: every pixel lies in one 2x2 window (the fast path writes dx without a zero
  // fill). Values clamped to [-0.2, 0.2] tie often, and -Infinity must never receive gradient.
  it('back-propagates 2x2 stride 2 pooling over an even-sized input, ties and -Infinity', async () => {
    const even = randomTensor([2, 8, 12, 5], rng(3));
    await expectSameOnWasm('maxPool grad 2x2 even', { x: even }, (t) => {
      const clamped = tf.clipByValue(t.x!, -0.2, 0.2);
      const input = tf.where(tf.less(t.x!, -0.9), tf.fill(t.x!.shape, -Infinity), clamped);
      const weights = tf.range(1, 1 + 2 * 4 * 6 * 5).reshape([2, 4, 6, 5]);
      return tf.grad((v: tf.Tensor) =>
        tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid'), weights)),
      )(input as tf.Tensor4D);
    });
  });
});
