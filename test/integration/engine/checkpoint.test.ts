import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadCheckpoint,
  restoreOptimizer,
  saveCheckpoint,
} from '../../../src-main/engine/checkpoint/checkpoint-io';
import { weightedCrossEntropy } from '../../../src-main/engine/loss/weighted-cross-entropy';
import { buildUNet } from '../../../src-main/engine/network/build-unet';
import type { UNetConfig } from '../../../src-main/engine/network/unet-config';
import { testModelMetadata } from '../../support/model-metadata';

const config: UNetConfig = {
  depth: 2,
  filters: 2,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 2,
};
const metadata = (step: number) => testModelMetadata(config, { tile: 44, step });
const work = mkdtempSync(join(tmpdir(), 'studio-ckpt-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, seed: number): void {
  const x = tf.randomUniform([1, 44, 44, 1], 0, 1, 'float32', seed);
  const out = (model.outputs[0]!.shape[1] as number) ?? 0;
  const labels = tf.randomUniform([1, out, out], 1, 3, 'int32', seed + 1);
  const weights = tf.onesLike(labels).toFloat();
  optimizer.minimize(
    () =>
      weightedCrossEntropy(
        tf,
        model.apply(x, { training: true }) as tf.Tensor,
        labels,
        weights,
      ) as tf.Scalar,
  );
  tf.dispose([x, labels, weights]);
}

describe('checkpoints', () => {
  it('round-trips the model (model.json + weights.bin) and its metadata', async () => {
    const model = buildUNet(tf, config, 44, 3);
    const dir = join(work, 'a');
    await saveCheckpoint(tf, dir, model, metadata(12));
    const loaded = await loadCheckpoint(tf, dir);
    expect(loaded.metadata.training.step).toBe(12);
    const x = tf.randomUniform([1, 44, 44, 1], 0, 1, 'float32', 1);
    const diff = tf.tidy(
      () =>
        (model.predict(x) as tf.Tensor)
          .sub(loaded.model.predict(x) as tf.Tensor)
          .abs()
          .max()
          .dataSync()[0]!,
    );
    expect(diff).toBe(0);
    tf.dispose(x);
    model.dispose();
    loaded.model.dispose();
  });

  it('resumes an optimizer exactly where it stopped', async () => {
    const reference = buildUNet(tf, config, 44, 4);
    const referenceOptimizer = tf.train.adam(1e-2);
    for (let s = 0; s < 3; s++) trainStep(reference, referenceOptimizer, s);
    const dir = join(work, 'resume');
    await saveCheckpoint(tf, dir, reference, metadata(3), referenceOptimizer);
    trainStep(reference, referenceOptimizer, 3);

    const { model: resumed } = await loadCheckpoint(tf, dir);
    const resumedOptimizer = tf.train.adam(1e-2);
    expect(await restoreOptimizer(tf, dir, resumedOptimizer)).toBe(true);
    trainStep(resumed, resumedOptimizer, 3);
    const a = reference.getWeights();
    const b = resumed.getWeights();
    let maxDiff = 0;
    a.forEach(
      (w, i) =>
        (maxDiff = Math.max(
          maxDiff,
          tf.tidy(() => w.sub(b[i]!).abs().max().dataSync()[0]!),
        )),
    );
    expect(maxDiff).toBeLessThan(1e-6);
    reference.dispose();
    resumed.dispose();
    referenceOptimizer.dispose();
    resumedOptimizer.dispose();
  });

  it('never takes a half-written checkpoint for a whole one', async () => {
    const model = buildUNet(tf, config, 44, 5);
    const dir = join(work, 'crash');
    await saveCheckpoint(tf, dir, model, metadata(1));
    // A crash while writing the next one leaves a temporary folder: it is ignored.
    mkdirSync(`${dir}.tmp-999`);
    writeFileSync(join(`${dir}.tmp-999`, 'studio.json'), '{"truncated');
    const first = await loadCheckpoint(tf, dir);
    expect(first.metadata.training.step).toBe(1);
    first.model.dispose();
    // A crash between the two renames leaves only the previous version, moved aside.
    renameSync(dir, `${dir}.old`);
    const loaded = await loadCheckpoint(tf, dir);
    expect(loaded.metadata.training.step).toBe(1);
    await saveCheckpoint(tf, dir, model, metadata(2));
    const second = await loadCheckpoint(tf, dir);
    expect(second.metadata.training.step).toBe(2);
    second.model.dispose();
    await expect(loadCheckpoint(tf, join(work, 'nothing'))).rejects.toThrow(/no saved model/);
    model.dispose();
    loaded.model.dispose();
  });
});
