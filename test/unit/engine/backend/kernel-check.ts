// Runs the same tfjs computation on the cpu backend (the reference) and on wasm with our kernels,
// from the same seeded inputs, and reports the largest difference and any leaked tensors.
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../src-main/engine/backend/wasm-kernels';

export interface HostTensor {
  data: Float32Array;
  shape: number[];
}

/** mulberry32: small, seeded, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomTensor(shape: number[], random: () => number): HostTensor {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = random() * 2 - 1;
  return { data, shape };
}

export async function useWasmWithOurKernels(): Promise<void> {
  registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
}

interface Run {
  values: Float32Array[];
  shapes: number[][];
  leakedTensors: number;
  /** Buffers the backend still holds: catches intermediates a kernel forgot to free. */
  leakedBuffers: number;
}

function backendBuffers(): number {
  return tf.backend().numDataIds();
}

async function runOn(
  backend: 'cpu' | 'wasm',
  inputs: Record<string, HostTensor>,
  compute: (t: Record<string, tf.Tensor>) => tf.Tensor | tf.Tensor[],
): Promise<Run> {
  await tf.setBackend(backend);
  const tensors0 = tf.memory().numTensors;
  const buffers0 = backendBuffers();
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [name, tf.tensor(t.data, t.shape)]),
  );
  const outputs = [tf.tidy(() => compute(tensors))].flat();
  const values = outputs.map((o) => o.dataSync() as Float32Array);
  const shapes = outputs.map((o) => o.shape);
  tf.dispose(outputs);
  tf.dispose(tensors);
  return {
    values,
    shapes,
    leakedTensors: tf.memory().numTensors - tensors0,
    leakedBuffers: backendBuffers() - buffers0,
  };
}

/**
 * Computes on cpu and on wasm; asserts equal shapes, no leaks, and for each output
 * max |cpu - wasm| <= tolerance * max(1, max |cpu|). Returns the largest max abs difference.
 */
export async function expectSameOnWasm(
  label: string,
  inputs: Record<string, HostTensor>,
  compute: (t: Record<string, tf.Tensor>) => tf.Tensor | tf.Tensor[],
  tolerance = 1e-4,
): Promise<number> {
  const cpu = await runOn('cpu', inputs, compute);
  const wasm = await runOn('wasm', inputs, compute);
  expect(wasm.shapes, label).toEqual(cpu.shapes);
  expect(wasm.leakedTensors, `${label}: tensors leaked`).toBe(0);
  expect(wasm.leakedBuffers, `${label}: wasm buffers leaked`).toBe(0);
  let worst = 0;
  cpu.values.forEach((reference, k) => {
    const actual = wasm.values[k]!;
    let maxDiff = 0;
    let scale = 1;
    for (let i = 0; i < reference.length; i++) {
      // NaN in either makes maxDiff NaN, which fails the comparison below.
      maxDiff = Math.max(maxDiff, Math.abs(reference[i]! - actual[i]!));
      scale = Math.max(scale, Math.abs(reference[i]!));
    }
    const name = cpu.values.length > 1 ? `${label} [${k}]` : label;
    console.log(
      `${name}: max |cpu - wasm| = ${maxDiff.toExponential(2)} (scale ${scale.toFixed(2)})`,
    );
    expect(maxDiff, name).toBeLessThanOrEqual(tolerance * scale);
    worst = Math.max(worst, maxDiff);
  });
  return worst;
}
