import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { weightedCrossEntropy } from '../../../../src-main/engine/loss/weighted-cross-entropy';
import { buildUNet } from '../../../../src-main/engine/network/build-unet';
import {
  isValidInput,
  largestValidInputAtMost,
  outputSize,
} from '../../../../src-main/engine/network/tile-geometry';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { makeOptimizer } from '../../../../src-main/engine/train/make-optimizer';
import {
  countParameters,
  estimateTrainingBytes,
  fitTrainingTile,
  WASM_TRAINING_BUDGET_BYTES,
} from '../../../../src-main/engine/train/training-memory';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const unet = (filters: number, extra: Partial<UNetConfig> = {}): UNetConfig => ({
  depth: 4,
  filters,
  inputChannels: 1,
  numClasses: 2,
  padding: 'valid',
  dropout: 0,
  ...extra,
});

describe('training memory', () => {
  it.each([
    [unet(64)],
    [unet(4, { depth: 2, inputChannels: 3, numClasses: 3 })],
    [unet(8, { depth: 3, padding: 'same' })],
  ])('counts the parameters the built network has (%o)', (config) => {
    const model = buildUNet(tf, config, config.padding === 'same' ? 64 : 188);
    expect(countParameters(config)).toBe(model.countParams());
    model.dispose();
  });

  it('estimates at least the peak memory a real training step uses, without a wild margin', async () => {
    const config = unet(4, { depth: 3 });
    const tile = largestValidInputAtMost(140, config)!;
    const out = outputSize(tile, config)!;
    const before = tf.memory().numTensors;
    const model = buildUNet(tf, config, tile, 1);
    const x = tf.randomUniform([1, tile, tile, 1]);
    const y = tf.randomUniform([1, out, out], 1, 3, 'int32');
    const w = tf.ones([1, out, out]);
    const optimizer = makeOptimizer(tf, { kind: 'adam', learningRate: 1e-3 });
    const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
    const step = () =>
      tf.dispose(
        optimizer.minimize(
          () =>
            weightedCrossEntropy(
              tf,
              model.apply(x, { training: true }) as tf.Tensor,
              y,
              w,
            ) as tf.Scalar,
          true,
          variables,
        )!,
      );
    step(); // Adam's moments now exist, as in every later step
    const { peakBytes } = await tf.profile(step);
    optimizer.dispose();
    model.dispose();
    tf.dispose([x, y, w]);
    expect(tf.memory().numTensors).toBe(before);
    const estimate = estimateTrainingBytes(config, tile);
    expect(estimate).toBeGreaterThanOrEqual(peakBytes);
    expect(estimate).toBeLessThan(3 * peakBytes);
  }, 60_000);

  it('keeps a tile that fits, and any tile when there is no budget to check', () => {
    expect(fitTrainingTile(unet(16), 572, WASM_TRAINING_BUDGET_BYTES, 'wasm')).toMatchObject({
      ok: true,
      tile: 572,
    });
    const unchecked = fitTrainingTile(unet(256), 572, undefined, 'tensorflow-gpu');
    expect(unchecked).toMatchObject({ ok: true, tile: 572 });
    expect(unchecked).not.toHaveProperty('reducedFrom');
  });

  it("shrinks the paper network's tile to the largest valid one that fits on wasm", () => {
    const config = unet(64);
    expect(estimateTrainingBytes(config, 572)).toBeGreaterThan(WASM_TRAINING_BUDGET_BYTES);
    const fit = fitTrainingTile(config, 572, WASM_TRAINING_BUDGET_BYTES, 'wasm');
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.reducedFrom).toBe(572);
    expect(fit.tile).toBeLessThan(572);
    expect(isValidInput(fit.tile, config)).toBe(true);
    expect(estimateTrainingBytes(config, fit.tile)).toBeLessThanOrEqual(WASM_TRAINING_BUDGET_BYTES);
    // The next valid tile up (16 px more at depth 4) would not fit.
    expect(estimateTrainingBytes(config, fit.tile + 16)).toBeGreaterThan(
      WASM_TRAINING_BUDGET_BYTES,
    );
  });

  it('says in plain words why a network too large for any tile cannot train', () => {
    const fit = fitTrainingTile(unet(256), 572, WASM_TRAINING_BUDGET_BYTES, 'wasm');
    expect(fit.ok).toBe(false);
    if (fit.ok) return;
    expect(fit.reason).toMatch(/256 base filters needs about \d+\.\d GB/);
    expect(fit.reason).toMatch(/smallest tile \(188 px\)/);
    expect(fit.reason).toMatch(/wasm backend can use 3\.0 GB/);
  });
});
