import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadCheckpoint,
  ONNX_FILE,
  saveCheckpoint,
} from '../../../../src-main/engine/checkpoint/checkpoint-io';
import { buildUNet } from '../../../../src-main/engine/network/build-unet';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { createOnnxTileRunner } from '../../../../src-main/engine/onnx/onnx-tile-runner';
import {
  maxAbsDiff,
  randomTile,
  tfjsProbabilities,
} from '../../../unit/engine/onnx/compare-engines';
import { testModelMetadata } from '../../../support/model-metadata';

const config: UNetConfig = {
  depth: 2,
  filters: 4,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 2,
};
const metadata = (network: UNetConfig) => testModelMetadata(network, { step: 5 });
const work = mkdtempSync(join(tmpdir(), 'studio-onnx-ckpt-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('checkpoints with model.onnx', () => {
  it('writes model.onnx beside model.json, and ONNX Runtime predicts what the checkpoint does', async () => {
    const model = buildUNet(tf, config, 60, 13);
    const dir = join(work, 'saved');
    const before = tf.memory().numTensors;
    expect(await saveCheckpoint(tf, dir, model, metadata(config))).toEqual({});
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();

    const loaded = await loadCheckpoint(tf, dir);
    const runner = await createOnnxTileRunner(join(loaded.dir, ONNX_FILE), { threads: 1 });
    const tile = randomTile(60, 1, 2);
    const expected = tfjsProbabilities(tf, loaded.model, tile, 60, 1);
    expect(maxAbsDiff(await runner.predictTile(tile, 60), expected)).toBeLessThanOrEqual(1e-4);
    await runner.release();
    loaded.model.dispose();
  });

  it('still saves the checkpoint when the export fails, and says why', async () => {
    const model = buildUNet(tf, config, 60, 14);
    const dir = join(work, 'mismatch');
    // Metadata that does not describe this model: the export cannot map its layers.
    const saved = await saveCheckpoint(tf, dir, model, metadata({ ...config, depth: 3 }));
    expect(saved.onnxError).toMatch(/enc2_conv1/);
    expect(existsSync(join(dir, 'model.json'))).toBe(true);
    expect(existsSync(join(dir, ONNX_FILE))).toBe(false);
    const loaded = await loadCheckpoint(tf, dir);
    expect(loaded.metadata.training.step).toBe(5);
    loaded.model.dispose();
    model.dispose();
  });
});
