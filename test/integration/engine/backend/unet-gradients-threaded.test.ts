// The U-Net gradient and training checks again, on tfjs's threaded build with two threads (see
// test/unit/engine/backend/wasm-kernels/threaded.test.ts for how this reuses the suite).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect } from 'vitest';
import { loadBackend } from '../../../../src-main/engine/backend/load-backend';
import { asWasmBackend } from '../../../../src-main/engine/backend/wasm-kernels/wasm-internals';
import './unet-gradients.test';

beforeAll(async () => {
  process.env.STUDIO_WASM_THREADS = '2';
  const loaded = await loadBackend('wasm');
  expect(loaded.threads).toBe(2);
  expect(asWasmBackend(tf.backend()).wasm.HEAPF32.buffer).toBeInstanceOf(SharedArrayBuffer);
});
