import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOurKernel } from '../../../../../src-main/engine/backend/wasm-kernels';
import { EDGE_CASES, randomCases, UNET_CASES, type ConvCase } from '../conv-cases';
import { expectSameOnWasm, randomTensor, rng, useWasmWithOurKernels } from '../kernel-check';

const CASES = [...UNET_CASES, ...EDGE_CASES, ...randomCases(40, 2024)];

function filterGradient(c: ConvCase) {
  return (t: Record<string, tf.Tensor>) =>
    tf
      .engine()
      .runKernel(
        'Conv2DBackpropFilter',
        { x: t.x!, dy: t.dy! },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filterShape },
      ) as tf.Tensor;
}

function inputGradient(c: ConvCase) {
  return (t: Record<string, tf.Tensor>) =>
    tf
      .engine()
      .runKernel(
        'Conv2DBackpropInput',
        { dy: t.dy!, filter: t.filter! },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.xShape },
      ) as tf.Tensor;
}

describe('wasm convolution gradient kernels against the cpu backend', () => {
  beforeAll(useWasmWithOurKernels);

  it('replaces the stock kernels', () => {
    expect(isOurKernel('Conv2DBackpropFilter')).toBe(true);
    expect(isOurKernel('Conv2DBackpropInput')).toBe(true);
  });

  it.each(CASES.map((c) => [c.label, c] as const))('filter gradient, %s', async (label, c) => {
    const random = rng(c.xShape.reduce((a, b) => a * 31 + b, 7));
    const inputs = { x: randomTensor(c.xShape, random), dy: randomTensor(c.yShape, random) };
    await expectSameOnWasm(`dW ${label}`, inputs, filterGradient(c));
  });

  it.each(CASES.map((c) => [c.label, c] as const))('input gradient, %s', async (label, c) => {
    const random = rng(c.filterShape.reduce((a, b) => a * 31 + b, 11));
    const inputs = {
      dy: randomTensor(c.yShape, random),
      filter: randomTensor(c.filterShape, random),
    };
    await expectSameOnWasm(`dx ${label}`, inputs, inputGradient(c));
  });

  it('computes the U-Net up-convolution (conv2dTranspose 2x2 stride 2) forward', async () => {
    const random = rng(5);
    const inputs = { x: randomTensor([1, 7, 9, 8], random), w: randomTensor([2, 2, 4, 8], random) };
    await expectSameOnWasm('conv2dTranspose 2x2 s2', inputs, (t) =>
      tf.conv2dTranspose(t.x as tf.Tensor4D, t.w as tf.Tensor4D, [1, 14, 18, 4], 2, 'valid'),
    );
  });

  it('hands NCHW back to the stock input-gradient kernel', async () => {
    const random = rng(6);
    const dy = randomTensor([1, 4, 5, 5], random);
    const filter = randomTensor([3, 3, 2, 4], random);
    const before = tf.memory().numTensors;
    const out = tf.tidy(
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropInput',
            { dy: tf.tensor(dy.data, dy.shape), filter: tf.tensor(filter.data, filter.shape) },
            { strides: 1, pad: 'valid', dataFormat: 'NCHW', inputShape: [1, 2, 7, 7] },
          ) as tf.Tensor,
    );
    expect(out.shape).toEqual([1, 2, 7, 7]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says plainly that the filter gradient needs NHWC', () => {
    const x = tf.zeros([1, 2, 5, 5]);
    const dy = tf.zeros([1, 3, 3, 3]);
    expect(() =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] },
        ),
    ).toThrow(/NHWC/);
    tf.dispose([x, dy]);
  });
});
