// The kernel suites again, on tfjs's threaded build with two threads. Run alone, those files start
// the single-threaded build (a plain `tf.setBackend('wasm')`); here `loadBackend` starts the
// threaded one first, and their `setBackend('wasm')` then finds it running. With threads, XNNPACK
// splits the convolutions and matrix products our gradients call over a worker, and the heap is
// shared memory: these check that nothing in our kernels depends on either being absent.
// (registration.test.ts is left out: it needs the stock kernels in place when it starts.)
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect } from 'vitest';
import { loadBackend } from '../../../../../src-main/engine/backend/load-backend';
import { asWasmBackend } from '../../../../../src-main/engine/backend/wasm-kernels/wasm-internals';
import './conv2d-backprop.test';
import './data-movement.test';
import './reductions.test';
import './simd-glue.test';
import './winograd.test';

beforeAll(async () => {
  process.env.STUDIO_WASM_THREADS = '2';
  const loaded = await loadBackend('wasm');
  expect(loaded.skipped).toEqual([]);
  expect(loaded.threads).toBe(2);
  expect(getThreadsCount()).toBe(2);
  expect(tf.getBackend()).toBe('wasm');
  // The threaded build's heap is a SharedArrayBuffer (the single-threaded one's is not).
  expect(asWasmBackend(tf.backend()).wasm.HEAPF32.buffer).toBeInstanceOf(SharedArrayBuffer);
});
