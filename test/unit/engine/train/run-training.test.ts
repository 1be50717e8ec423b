import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelledImage } from '../../../../src-main/engine/data/training-set';
import { DEFAULT_NORMALISATION } from '../../../../src-main/engine/predict/normalise';
import {
  COSINE_ANNEALING,
  learningRateAt,
} from '../../../../src-main/engine/train/learning-rate-schedule';
import { runTraining } from '../../../../src-main/engine/train/run-training';
import {
  DEFAULT_ADAM,
  PAPER_AUGMENTATION,
  type TrainingSettings,
} from '../../../../src-main/engine/train/training-settings';
import { computeWeightMap } from '../../../../src-main/engine/weights';

const work = mkdtempSync(join(tmpdir(), 'studio-train-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Bright discs on a dark background, half the pixels labelled (partial labels). */
function discs(size: number, seed: number): LabelledImage {
  const data = new Float32Array(size * size);
  const labels = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (((x + seed) % 16) - 8) ** 2 + (((y + seed) % 16) - 8) ** 2 < 20;
      data[y * size + x] = inside ? 0.8 : 0.2;
      if (x < size / 2) labels[y * size + x] = inside ? 2 : 1;
    }
  }
  const weights = computeWeightMap(labels, size, size, undefined, { numClasses: 2 });
  return {
    name: `d${seed}`,
    image: { width: size, height: size, channels: 1, data },
    labels,
    weights,
    objectSizes: [],
  };
}

const settings: TrainingSettings = {
  network: {
    depth: 2,
    filters: 2,
    padding: 'valid',
    dropout: 0.5,
    inputChannels: 1,
    numClasses: 2,
  },
  tile: 60,
  predictionTile: 60,
  optimizer: DEFAULT_ADAM,
  steps: 6,
  seed: 1,
  validateEvery: 3,
  checkpointEvery: 2,
  augment: PAPER_AUGMENTATION,
};
const description = {
  classNames: ['Background', 'Foreground'],
  labelKind: 'binary' as const,
  normalisation: DEFAULT_NORMALISATION,
};

describe('the training loop', () => {
  it('trains, validates, reports progress and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const phases = new Set<string>();
    const outcome = await runTraining(
      tf,
      'cpu',
      settings,
      { train: [discs(48, 0), discs(48, 5)], validation: [discs(40, 3)] },
      description,
      join(work, 'a'),
      {
        onProgress: (p) => phases.add(p.phase),
      },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(outcome).toMatchObject({ status: 'completed', steps: 6 });
    expect(outcome.history.filter((h) => h.validation)).toHaveLength(2);
    expect(outcome.best?.pixelError).toBeGreaterThanOrEqual(0);
    expect([...phases]).toEqual(
      expect.arrayContaining(['training', 'validating', 'saving', 'done']),
    );
  }, 120_000);

  it('stops on cancel and keeps what it learned as the last checkpoint', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const outcome = await runTraining(
      tf,
      'cpu',
      { ...settings, steps: 1000 },
      { train: [discs(48, 1)], validation: [] },
      description,
      join(work, 'b'),
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.step >= 3) controller.abort();
        },
      },
    );
    expect(outcome.status).toBe('cancelled');
    expect(outcome.steps).toBe(3);
    expect(
      JSON.parse(readFileSync(join(work, 'b', 'last', 'studio.json'), 'utf8')).training.step,
    ).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('anneals the learning rate over a counted budget and reports it', async () => {
    const rates: number[] = [];
    const before = tf.memory().numTensors;
    await runTraining(
      tf,
      'cpu',
      { ...settings, steps: 4, learningRateSchedule: COSINE_ANNEALING },
      { train: [discs(48, 1)], validation: [] },
      description,
      join(work, 'd'),
      {
        onProgress: (p) => {
          if (p.phase === 'training') rates.push(p.learningRate);
        },
      },
    );
    // Steps 1..4 ran at progress 0, 1/4, 2/4, 3/4 of the budget.
    expect(rates).toHaveLength(4);
    rates.forEach((rate, i) =>
      expect(rate).toBeCloseTo(learningRateAt(COSINE_ANNEALING, 1e-3, i / 4), 12),
    );
    expect(rates[3]!).toBeLessThan(rates[0]! / 2);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('refuses to train without any labelled pixel', async () => {
    const empty = discs(48, 2);
    empty.labels.fill(0);
    await expect(
      runTraining(
        tf,
        'cpu',
        settings,
        { train: [empty], validation: [] },
        description,
        join(work, 'c'),
      ),
    ).rejects.toThrow(/no labelled pixels/);
  });
});
