// The predict-image job in this process, so its tensors can be counted: the model it keeps
// between predictions holds a fixed set of tensors (none while ONNX Runtime runs it), another
// model replaces it without growth, and releasing it brings the count back to the baseline.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCheckpoint } from '../../../../src-main/engine/checkpoint/checkpoint-io';
import type { PredictImageJobRequest } from '../../../../src-main/engine/jobs/job-types';
import {
  predictImageJob,
  releasePredictImageModel,
} from '../../../../src-main/engine/jobs/predict-image-job';
import { buildUNet } from '../../../../src-main/engine/network/build-unet';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { encodeTiff } from '../../../../src-main/imaging/tiff-write';
import { hashBytes } from '../../../../src-main/services/file-identity';
import { testModelMetadata } from '../../../support/model-metadata';

const config: UNetConfig = {
  depth: 2,
  filters: 4,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 2,
};
const metadata = testModelMetadata(config);
const work = mkdtempSync(join(tmpdir(), 'studio-predict-memory-'));
const imagePath = join(work, 'blobs.tif');
let request: PredictImageJobRequest;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const width = 90;
  const height = 70;
  const data = Uint8Array.from({ length: width * height }, (_, i) =>
    Math.round(127 + 100 * Math.sin((i % width) / 6) * Math.cos(Math.floor(i / width) / 5)),
  );
  writeFileSync(imagePath, encodeTiff({ width, height, data }));
  for (const [name, seed] of [
    ['a', 1],
    ['b', 2],
  ] as const) {
    mkdirSync(join(work, name));
    const model = buildUNet(tf, config, 60, seed);
    await saveCheckpoint(tf, join(work, name, 'best'), model, metadata);
    model.dispose();
  }
  request = {
    modelDir: join(work, 'a'),
    imagePath,
    contentHash: hashBytes(new Uint8Array(readFileSync(imagePath))),
    page: 0,
    tta: false,
    backend: 'cpu',
  };
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const context = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('the model kept between predictions', () => {
  it('on tfjs: a fixed set of tensors, replaced by the next model, freed on release', async () => {
    const baseline = tf.memory().numTensors;
    const first = await predictImageJob({ ...request, engine: 'tfjs' }, context());
    expect(first).toMatchObject({ engine: 'cpu', reusedModel: false, width: 90, height: 70 });
    const held = tf.memory().numTensors;
    expect(held).toBeGreaterThan(baseline);

    const second = await predictImageJob({ ...request, engine: 'tfjs', tta: true }, context());
    expect(second.reusedModel).toBe(true);
    expect(tf.memory().numTensors).toBe(held);

    const other = await predictImageJob(
      { ...request, engine: 'tfjs', modelDir: join(work, 'b') },
      context(),
    );
    expect(other.reusedModel).toBe(false);
    expect(tf.memory().numTensors).toBe(held);

    await releasePredictImageModel();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('on ONNX Runtime: no tensor left in tfjs, and the same classes as tfjs', async () => {
    const baseline = tf.memory().numTensors;
    const viaOnnx = await predictImageJob(request, context());
    expect(viaOnnx.engine).toBe('onnxruntime');
    expect(tf.memory().numTensors).toBe(baseline);
    await releasePredictImageModel();
    const viaTfjs = await predictImageJob({ ...request, engine: 'tfjs' }, context());
    await releasePredictImageModel();
    expect(tf.memory().numTensors).toBe(baseline);
    for (let i = 0; i < viaOnnx.classes.length; i++) {
      // Only a pixel on the fence may differ between the engines.
      if (viaOnnx.classes[i] !== viaTfjs.classes[i])
        expect(Math.abs(viaTfjs.foregroundProbability![i]! - 0.5)).toBeLessThan(1e-4);
    }
    // A network whose output varies: the comparison is not between two constant maps.
    const p = viaTfjs.foregroundProbability!;
    expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.01);
  });

  it('refuses a missing image and a changed one in words', async () => {
    await expect(
      predictImageJob({ ...request, imagePath: join(work, 'gone.tif') }, context()),
    ).rejects.toMatchObject({ code: 'file-missing', message: expect.stringContaining('gone.tif') });
    await expect(
      predictImageJob({ ...request, contentHash: 'other' }, context()),
    ).rejects.toMatchObject({ code: 'file-changed' });
    await expect(
      predictImageJob({ ...request, modelDir: join(work, 'nothing') }, context()),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
