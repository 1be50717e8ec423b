import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyLearningRate,
  CONSTANT_RATE,
  COSINE_ANNEALING,
  learningRateAt,
} from '../../../../src-main/engine/train/learning-rate-schedule';
import { makeOptimizer } from '../../../../src-main/engine/train/make-optimizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the learning-rate schedule', () => {
  it('anneals along a half cosine from the base rate to the final fraction', () => {
    expect(learningRateAt(COSINE_ANNEALING, 1e-3, 0)).toBeCloseTo(1e-3, 12);
    // Halfway: the mean of the base and the floor.
    expect(learningRateAt(COSINE_ANNEALING, 1e-3, 0.5)).toBeCloseTo((1e-3 + 5e-5) / 2, 12);
    expect(learningRateAt(COSINE_ANNEALING, 1e-3, 1)).toBeCloseTo(5e-5, 12);
    // Past the budget (the last step of a timed run) it stays at the floor.
    expect(learningRateAt(COSINE_ANNEALING, 1e-3, 1.3)).toBeCloseTo(5e-5, 12);
    const rates = [0, 0.2, 0.4, 0.6, 0.8, 1].map((t) => learningRateAt(COSINE_ANNEALING, 1, t));
    for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeLessThan(rates[i - 1]!);
  });

  it('keeps the base rate when constant or when the run has no budget', () => {
    expect(learningRateAt(CONSTANT_RATE, 0.01, 0.9)).toBe(0.01);
    expect(learningRateAt(COSINE_ANNEALING, 0.01, undefined)).toBe(0.01);
  });

  // One step from the same state with rate r and r/10: the update must shrink tenfold.
  async function updateSize(
    make: () => tf.Optimizer,
    rate: number,
  ): Promise<{ size: number; tensorsLeft: number }> {
    const before = tf.memory().numTensors;
    const start = tf.tensor1d([1, -2, 3]);
    const v = tf.variable(start);
    start.dispose();
    const optimizer = make();
    applyLearningRate(optimizer, rate);
    optimizer.minimize(() => tf.sum(tf.square(v)) as tf.Scalar, false, [v]);
    const size = Math.abs((await v.data())[0]! - 1);
    optimizer.dispose();
    v.dispose();
    return { size, tensorsLeft: tf.memory().numTensors - before };
  }

  it.each([
    ['sgd', () => tf.train.sgd(0.1)],
    ['momentum', () => makeOptimizer(tf, { kind: 'sgd', learningRate: 0.1, momentum: 0.99 })],
    ['adam', () => makeOptimizer(tf, { kind: 'adam', learningRate: 0.1 })],
  ])('changes the step size of %s without leaking tensors', async (_name, make) => {
    const full = await updateSize(make, 0.1);
    const tenth = await updateSize(make, 0.01);
    expect(full.size).toBeGreaterThan(0);
    expect(tenth.size / full.size).toBeCloseTo(0.1, 5);
    // Momentum and Adam keep slot variables until dispose; none may outlive it.
    expect(full.tensorsLeft).toBe(0);
    expect(tenth.tensorsLeft).toBe(0);
  });
});
