// Conv2D through Winograd F(2x2, 3x3) (64 channels and more) against the cpu backend's direct
// convolution: valid and padded, one and two images, and as the input gradient it also serves.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOurKernel } from '../../../../../src-main/engine/backend/wasm-kernels';
import {
  setSimdGlueEnabled,
  simdGlue,
} from '../../../../../src-main/engine/backend/wasm-kernels/simd-glue';
import { asWasmBackend } from '../../../../../src-main/engine/backend/wasm-kernels/wasm-internals';
import { winogradConv2d } from '../../../../../src-main/engine/backend/wasm-kernels/winograd-conv';
import { expectSameOnWasm, randomTensor, rng, useWasmWithOurKernels } from '../kernel-check';

type Shape4 = [number, number, number, number];

const CASES: { label: string; x: Shape4; w: Shape4; pad: 'valid' | 'same' | number }[] = [
  { label: 'valid, 64 -> 8', x: [1, 10, 12, 64], w: [3, 3, 64, 8], pad: 'valid' },
  { label: 'valid, two images, 68 -> 12', x: [2, 8, 6, 68], w: [3, 3, 68, 12], pad: 'valid' },
  { label: 'same padding, 64 -> 4', x: [1, 6, 10, 64], w: [3, 3, 64, 4], pad: 'same' },
  { label: 'padding 2 (an input gradient), 96 -> 16', x: [1, 4, 6, 96], w: [3, 3, 96, 16], pad: 2 },
  { label: 'valid, 32 -> 32', x: [1, 12, 8, 32], w: [3, 3, 32, 32], pad: 'valid' },
  // Odd output sizes and too few channels take the stock kernel: still right.
  { label: 'odd output (stock), 64 -> 4', x: [1, 9, 8, 64], w: [3, 3, 64, 4], pad: 'valid' },
  { label: '32 -> 8 (stock)', x: [1, 10, 10, 32], w: [3, 3, 32, 8], pad: 'valid' },
  { label: '16 -> 32 (stock)', x: [1, 10, 10, 16], w: [3, 3, 16, 32], pad: 'valid' },
];

describe.each([
  ['on', true],
  ['off', false],
])('Conv2D on wasm with the SIMD glue %s', (label, on) => {
  beforeAll(async () => {
    await useWasmWithOurKernels();
    setSimdGlueEnabled(on);
  });
  afterAll(() => setSimdGlueEnabled(true));

  it('replaces the stock kernel', () => {
    expect(isOurKernel('Conv2D')).toBe(true);
  });

  it.each(CASES.map((c) => [c.label, c] as const))(
    'matches the cpu backend: %s',
    async (name, c) => {
      const random = rng(c.x.reduce((a, b) => a * 13 + b, 5));
      const inputs = { x: randomTensor(c.x, random), w: randomTensor(c.w, random) };
      await expectSameOnWasm(`conv ${name}`, inputs, (t) =>
        tf.conv2d(t.x as tf.Tensor4D, t.w as tf.Tensor4D, 1, c.pad),
      );
    },
  );

  it.each([
    ['bias and ReLU', true, 'relu'],
    ['bias, linear', true, 'linear'],
    ['ReLU, no bias', false, 'relu'],
    ['bias and ELU (stock)', true, 'elu'],
  ] as const)('runs FusedConv2D (prediction) with %s', async (name, withBias, activation) => {
    const random = rng(name.length * 7);
    const inputs = {
      x: randomTensor([1, 8, 10, 64], random),
      w: randomTensor([3, 3, 64, 12], random),
      b: randomTensor([12], random),
    };
    expect(isOurKernel('FusedConv2D')).toBe(true);
    await expectSameOnWasm(`fused ${name}`, inputs, (t) =>
      tf.fused.conv2d({
        x: t.x as tf.Tensor4D,
        filter: t.w as tf.Tensor4D,
        strides: 1,
        pad: 'valid',
        bias: withBias ? t.b : undefined,
        activation,
      }),
    );
  });

  it('computes the input gradient of a 128-channel convolution', async () => {
    const random = rng(77);
    const inputs = {
      dy: randomTensor([1, 6, 8, 128], random),
      w: randomTensor([3, 3, 64, 128], random),
    };
    await expectSameOnWasm('dx 64 <- 128', inputs, (t) =>
      tf.conv2dTranspose(t.dy as tf.Tensor4D, t.w as tf.Tensor4D, [1, 8, 10, 64], 1, 'valid'),
    );
  });
});

describe('Winograd in chunks of tile rows', () => {
  beforeAll(useWasmWithOurKernels);

  it('gives the same result in chunks of tile rows (2, 2 and 1 of 5) as in one go', () => {
    const before = tf.memory().numTensors;
    const random = rng(31);
    const x = tf.tensor(randomTensor([2, 12, 8, 32], random).data, [2, 12, 8, 32]);
    const w = tf.tensor(randomTensor([3, 3, 32, 36], random).data, [3, 3, 32, 36]);
    const backend = asWasmBackend(tf.backend());
    const info = tf.backend_util.computeConv2DInfo([2, 12, 8, 32], [3, 3, 32, 36], 1, 1, 'valid');
    const run = (chunkFloats?: number) => {
      const out = winogradConv2d(backend, simdGlue(backend)!, x, w, info, chunkFloats);
      const tensor = tf.engine().makeTensorFromTensorInfo(out);
      const values = (tensor.dataSync() as Float32Array).slice();
      tensor.dispose();
      return values;
    };
    const whole = run();
    // 16 x 3 tiles per row x 36 channels x 2 rows: two tile rows per chunk.
    const chunked = run(16 * 3 * 36 * 2);
    expect(Array.from(chunked)).toEqual(Array.from(whole));
    const conv = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid');
    const direct = conv.dataSync();
    conv.dispose();
    const worst = whole.reduce((m, v, i) => Math.max(m, Math.abs(v - direct[i]!)), 0);
    expect(worst).toBeLessThan(1e-4);
    tf.dispose([x, w]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
