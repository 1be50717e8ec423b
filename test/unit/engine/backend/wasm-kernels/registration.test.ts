import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  isOurKernel,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  WASM_TRAINING_KERNELS,
} from '../../../../../src-main/engine/backend/wasm-kernels';
import {
  allocate,
  asWasmBackend,
  floatOffset,
  withTemporaries,
} from '../../../../../src-main/engine/backend/wasm-kernels/wasm-internals';
import { expectSameOnWasm, randomTensor, rng } from '../kernel-check';

describe('registering the wasm training kernels', () => {
  // Stock kernels first, then ours on a backend that is already running.
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(() => registerWasmTrainingKernels());

  it('replaces the stock kernels once, without registry warnings', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const warn = vi.spyOn(console, 'warn');
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(WASM_TRAINING_KERNELS.filter((name) => !isOurKernel(name))).toEqual([]);
  });

  it('puts the stock kernels back, and can register again', async () => {
    registerWasmTrainingKernels();
    const ours = tf.getGradient('Relu');
    unregisterWasmTrainingKernels();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    // tfjs's own ReLU gradient is back too.
    const stockRelu = tf.getGradient('Relu');
    expect(stockRelu).not.toBe(ours);
    expect(tf.getKernel('StudioReluGrad', 'wasm')).toBeUndefined();
    expect(isOurKernel('Conv2DBackpropInput')).toBe(false);
    // The restored stock kernel still works (its wasm export was bound at backend start).
    const random = rng(3);
    const inputs = {
      dy: randomTensor([1, 4, 4, 2], random),
      w: randomTensor([3, 3, 3, 2], random),
    };
    await expectSameOnWasm('stock dx', inputs, (t) =>
      tf.conv2dTranspose(t.dy as tf.Tensor4D, t.w as tf.Tensor4D, [1, 6, 6, 3], 1, 'valid'),
    );
    registerWasmTrainingKernels();
    expect(isOurKernel('Conv2DBackpropInput')).toBe(true);
    expect(tf.getGradient('Relu')).not.toBe(stockRelu);
  });
});

describe('wasm heap helpers', () => {
  it('frees temporaries when the body throws', async () => {
    await tf.setBackend('wasm');
    const backend = asWasmBackend(tf.backend());
    const before = tf.backend().numDataIds();
    expect(() =>
      withTemporaries(backend, (temp) => {
        temp(allocate(backend, [1000]));
        temp(allocate(backend, [10, 10]));
        throw new Error('halfway');
      }),
    ).toThrow('halfway');
    expect(tf.backend().numDataIds()).toBe(before);
  });

  it('refuses a tensor at address 0 (a failed malloc) with a plain message', () => {
    const dataId = {};
    const fake = asWasmBackend({
      wasm: { HEAPF32: new Float32Array(4) },
      dataIdMap: { get: () => ({ id: 1, memoryOffset: 0 }) },
      makeOutput: () => ({ dataId, shape: [4], dtype: 'float32' }),
      disposeData: () => true,
      incRef: () => undefined,
    });
    expect(() => floatOffset(fake, { dataId, shape: [4], dtype: 'float32' })).toThrow(
      /ran out of memory/,
    );
    expect(() => allocate(fake, [4])).toThrow(/ran out of memory/);
  });

  it('says so when a kernel runs on another backend', () => {
    expect(() => asWasmBackend({})).toThrow(/only on the tfjs wasm backend/);
  });
});
