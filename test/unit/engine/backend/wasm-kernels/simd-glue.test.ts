// The SIMD glue (glue.wat) against the cpu backend, and the JavaScript loops it replaces with the
// glue switched off: bias sums, 2x2 max-pool gradients and the copies of Slice, SplitV and
// Concat and the filter gradient's transpose, at channel counts the glue takes (multiples of 4)
// and with tails it must finish.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  setSimdGlueEnabled,
  simdGlue,
} from '../../../../../src-main/engine/backend/wasm-kernels/simd-glue';
import { asWasmBackend } from '../../../../../src-main/engine/backend/wasm-kernels/wasm-internals';
import { expectSameOnWasm, randomTensor, rng, useWasmWithOurKernels } from '../kernel-check';

const random = rng(11);
// 21 pixels: two blocks of eight and a tail of five for the sums.
const x = randomTensor([1, 3, 7, 16], random);
const wide = randomTensor([2, 10, 12, 8], random);
const narrow = randomTensor([2, 10, 12, 4], random);

/** Clamped values tie often; some windows hold NaN, one is all -Infinity. */
function poolInput(shape: number[], seed: number) {
  const data = randomTensor(shape, rng(seed)).data.map((v) => Math.min(0.2, Math.max(-0.2, v)));
  for (let i = 0; i < data.length; i += 37) data[i] = Number.NaN;
  const c = shape[3]!;
  const row = shape[2]! * c;
  for (const at of [0, c, row, row + c]) data[at + 1] = -Infinity;
  return { data, shape };
}

function randomShapes(count: number, seed: number): number[][] {
  const random = rng(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  return Array.from({ length: count }, (_, k) => [
    between(1, 3),
    between(4, 23),
    between(5, 29),
    // Alternate multiples of 4 (the glue) and other counts (the JavaScript loops).
    k % 2 === 0 ? 4 * between(1, 6) : between(2, 13) | 1,
  ]);
}

function poolGradient(input: tf.Tensor4D) {
  const outShape = tf.maxPool(input, 2, 2, 'valid').shape;
  const weights = tf.range(1, 1 + outShape.reduce((a, b) => a * b, 1)).reshape(outShape);
  return tf.grad((v: tf.Tensor) =>
    tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid'), weights)),
  )(input);
}

describe.each([
  ['on', true],
  ['off (JavaScript loops)', false],
])('wasm kernels with the SIMD glue %s', (label, on) => {
  beforeAll(async () => {
    await useWasmWithOurKernels();
    setSimdGlueEnabled(on);
  });
  afterAll(() => setSimdGlueEnabled(true));

  it(on ? 'loads the glue over the backend memory' : 'leaves the glue out', () => {
    expect(simdGlue(asWasmBackend(tf.findBackend('wasm'))) != null).toBe(on);
  });

  it.each([
    ['every axis but channels', [0, 1, 2], false],
    ['every axis but channels, kept', [0, 1, 2], true],
    ['rows and columns of a batch of one (a [1, 1, 1, C] bias)', [1, 2], false],
  ] as const)('sums over %s', async (name, axes, keepDims) => {
    await expectSameOnWasm(`sum ${name}`, { x, wide }, (t) => [
      tf.sum(t.x!, [...axes], keepDims),
      tf.sum(t.wide!.reshape([1, 20, 12, 8]), [...axes], keepDims),
    ]);
  });

  it.each([
    ['even sizes, 8 channels', [2, 8, 12, 8]],
    ['odd sizes (a row and a column past the last window), 4 channels', [1, 9, 7, 4]],
  ])('back-propagates 2x2 stride 2 pooling: %s', async (name, shape) => {
    const input = poolInput(shape, shape.length + shape[1]!);
    await expectSameOnWasm(`maxPool grad ${name}`, { input }, (t) =>
      poolGradient(t.input as tf.Tensor4D),
    );
  });

  it('crops, splits and concatenates channels', async () => {
    await expectSameOnWasm('crop, split, concat', { wide, narrow }, (t) => [
      tf.slice(t.wide!, [0, 2, 3, 0], [2, 6, 7, 8]),
      ...tf.split(t.wide!, [4, 4], 3),
      ...tf.split(t.wide!, [1, 7], 3),
      tf.concat([t.wide!, t.narrow!], 3),
      tf.concat([t.narrow!, t.wide!, t.narrow!], 3),
      tf.concat([t.wide!, t.wide!], 1),
    ]);
  });

  // The filter gradient transposes x to channels first: 63 and 117 pixels leave tails of 3 and
  // 1 after the blocks of four; 8 channels take the shifted copies, 16 the per-tap matmuls.
  it.each([
    [
      [2, 7, 9, 8],
      [3, 3, 8, 4],
    ],
    [
      [1, 13, 9, 16],
      [3, 3, 16, 4],
    ],
  ])('computes the filter gradient of x %j', async (xShape, filterShape) => {
    const yShape = [xShape[0]!, xShape[1]! - 2, xShape[2]! - 2, filterShape[3]!];
    const inputs = { x: randomTensor(xShape, random), dy: randomTensor(yShape, random) };
    await expectSameOnWasm(
      `dW ${xShape.join('x')}`,
      inputs,
      (t) =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropFilter',
            { x: t.x!, dy: t.dy! },
            { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape },
          ) as tf.Tensor,
    );
  });

  // Seeded random shapes: channel counts that are and are not multiples of 4 (the glue takes
  // the first, the JavaScript loops the rest), odd and even sizes, one to three images.
  it.each(randomShapes(8, 99).map((shape) => [shape.join('x'), shape] as const))(
    'agrees on random shape %s: sums, 2x2 pooling gradient, crop, channel split and concat',
    async (name, shape) => {
      const input = poolInput(
        shape,
        shape.reduce((a, b) => a * 7 + b, 1),
      );
      const c = shape[3]!;
      const split = 1 + (shape[1]! % (c - 1));
      await expectSameOnWasm(`random ${name}`, { input }, (t) => {
        const v = tf.where(tf.isNaN(t.input!), tf.zerosLike(t.input!), t.input!);
        const finite = tf.clipByValue(v, -1, 1);
        return [
          tf.sum(finite, [0, 1, 2]),
          poolGradient(t.input as tf.Tensor4D),
          tf.slice(finite, [0, 1, 2, 0], [shape[0]!, shape[1]! - 2, shape[2]! - 3, c]),
          ...tf.split(finite, [split, c - split], 3),
          tf.concat([finite, finite.slice([0, 0, 0, 0], [-1, -1, -1, split])], 3),
        ];
      });
    },
  );

  it('back-propagates ReLU in one kernel: dy where x > 0, else 0, NaN for NaN', async () => {
    // 1001 values: a SIMD body and a scalar tail; exact zeros among them.
    const values = randomTensor([7, 11, 13], rng(5));
    for (let i = 0; i < values.data.length; i += 9) values.data[i] = 0;
    await expectSameOnWasm('relu grad', { x: values }, (t) => {
      const weights = tf.range(1, 1 + 1001).reshape([7, 11, 13]);
      return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.relu(v), weights)))(t.x!);
    });
    const nan = tf.tidy(() =>
      Array.from(
        tf
          .grad((v: tf.Tensor) => tf.sum(tf.relu(v)))(tf.tensor([NaN, 2, -1, 0]))
          .dataSync(),
      ),
    );
    expect(nan).toEqual([NaN, 1, 0, 0]);
  });

  it('copies int32 data bit for bit', async () => {
    await expectSameOnWasm('int32 copies', {}, () => {
      const ints = tf.range(-960, 960, 1, 'int32').reshape([2, 10, 12, 8]);
      return [
        tf.concat([ints, ints], 3).toFloat(),
        tf.slice(ints, [1, 1, 1, 4], [1, 8, 10, 4]).toFloat(),
      ];
    });
  });
});
