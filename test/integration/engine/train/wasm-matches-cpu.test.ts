// The wasm backend with our training kernels follows the same loss curve as tfjs's reference
// cpu backend: the same network, seed, tiles and optimizer for 20 steps of the real training
// loop. Fast kernels that were subtly wrong would drift apart within a few steps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBackend } from '../../../../src-main/engine/backend/load-backend';
import type { LabelledImage } from '../../../../src-main/engine/data/training-set';
import { DEFAULT_NORMALISATION } from '../../../../src-main/engine/predict/normalise';
import { COSINE_ANNEALING } from '../../../../src-main/engine/train/learning-rate-schedule';
import { runTraining } from '../../../../src-main/engine/train/run-training';
import {
  DEFAULT_ADAM,
  PAPER_AUGMENTATION,
  type TrainingSettings,
} from '../../../../src-main/engine/train/training-settings';
import { computeWeightMap } from '../../../../src-main/engine/weights';

const work = mkdtempSync(join(tmpdir(), 'studio-wasm-cpu-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Textured cells on a noisy background, two thirds of the pixels labelled. */
function cells(size: number, seed: number): LabelledImage {
  const data = new Float32Array(size * size);
  const labels = new Uint8Array(size * size);
  let state = seed * 9301 + 49297;
  const noise = () => ((state = (state * 233280 + 49297) % 1_000_003) / 1_000_003 - 0.5) * 0.2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (((x + seed) % 20) - 10) ** 2 + (((y + 2 * seed) % 20) - 10) ** 2 < 36;
      data[y * size + x] = (inside ? 0.7 : 0.3) + noise();
      if (y < (2 * size) / 3) labels[y * size + x] = inside ? 2 : 1;
    }
  }
  return {
    name: `c${seed}`,
    image: { width: size, height: size, channels: 1, data },
    labels,
    weights: computeWeightMap(labels, size, size, undefined, { numClasses: 2 }),
    objectSizes: [],
  };
}

const settings: TrainingSettings = {
  // Every kernel of a real step: valid convs, max-pool, up-convolution, crop, concat, dropout off;
  // 8 filters put 32 channels at the bottom, whose convolution (and its input gradient) takes
  // the Winograd path.
  network: { depth: 2, filters: 8, padding: 'valid', dropout: 0, inputChannels: 1, numClasses: 2 },
  tile: 76,
  predictionTile: 76,
  optimizer: DEFAULT_ADAM,
  learningRateSchedule: COSINE_ANNEALING,
  steps: 20,
  seed: 7,
  validateEvery: 1000,
  checkpointEvery: 1000,
  augment: PAPER_AUGMENTATION,
};

async function lossCurve(backend: 'wasm' | 'cpu'): Promise<number[]> {
  if (backend === 'wasm') await loadBackend('wasm');
  else await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe(backend);
  const before = tf.memory().numTensors;
  const outcome = await runTraining(
    tf,
    backend,
    settings,
    { train: [cells(160, 1), cells(160, 4)], validation: [] },
    {
      classNames: ['Background', 'Foreground'],
      labelKind: 'binary',
      normalisation: DEFAULT_NORMALISATION,
    },
    join(work, backend),
  );
  expect(tf.memory().numTensors).toBe(before);
  return outcome.history.map((entry) => entry.loss);
}

describe('training on wasm', () => {
  it('follows the cpu backend’s loss curve for the first 20 steps', async () => {
    const cpu = await lossCurve('cpu');
    const wasm = await lossCurve('wasm');
    expect(cpu).toHaveLength(20);
    expect(wasm).toHaveLength(20);
    // The network learns over these steps (so the comparison covers real updates)...
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(cpu.slice(-5))).toBeLessThan(mean(cpu.slice(0, 5)));
    // ...and both backends take the same path, step by step.
    const worst = Math.max(...cpu.map((loss, i) => Math.abs(loss - wasm[i]!) / Math.abs(loss)));
    console.log(
      `largest relative difference of the 20 losses, wasm vs cpu: ${worst.toExponential(2)}`,
    );
    expect(worst).toBeLessThan(1e-3);
  }, 240_000);
});
