import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildUNet } from '../../../../src-main/engine/network/build-unet';
import { smallestValidInput } from '../../../../src-main/engine/network/tile-geometry';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { exportUNetToOnnx } from '../../../../src-main/engine/onnx/export-unet';
import { loadOnnxRuntime } from '../../../../src-main/engine/onnx/load-onnx-runtime';
import {
  createOnnxTileRunner,
  preferredExecutionProviders,
} from '../../../../src-main/engine/onnx/onnx-tile-runner';
import {
  predictWithTileRunner,
  tfjsTileRunner,
} from '../../../../src-main/engine/predict/overlap-tile';
import { maxAbsDiff, randomTile, randomValues } from './compare-engines';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const valid: UNetConfig = {
  depth: 2,
  filters: 4,
  padding: 'valid',
  dropout: 0,
  inputChannels: 3,
  numClasses: 3,
};
const same: UNetConfig = { ...valid, padding: 'same', inputChannels: 1, numClasses: 2 };

describe('ONNX Runtime tile runner', () => {
  it.each([
    ['valid', valid],
    ['same', same],
  ] as const)('%s: averages the 8 rotations and flips as tfjs does', async (_, config) => {
    const size = smallestValidInput(config) + 16;
    const model = buildUNet(tf, config, size, 21);
    const onnx = await createOnnxTileRunner(exportUNetToOnnx(model, config), { threads: 1 });
    const before = tf.memory().numTensors;
    const tile = randomTile(size, config.inputChannels, 5);
    const tfjsRunner = tfjsTileRunner(tf, model);
    const ortRunner = onnx.atTileSize(size);
    const expected = await tfjsRunner.run(tile, true);
    const averaged = await ortRunner.run(tile, true);
    expect(maxAbsDiff(averaged, expected)).toBeLessThanOrEqual(1e-4);
    // The averaging did something: a single pass differs from it.
    expect(maxAbsDiff(await ortRunner.run(tile, false), averaged)).toBeGreaterThan(1e-3);
    expect(tf.memory().numTensors).toBe(before);
    await onnx.release();
    model.dispose();
  });

  it('predicts a non-square image tile by tile as the tfjs runner does', async () => {
    const size = 60;
    const model = buildUNet(tf, valid, size, 8);
    const onnx = await createOnnxTileRunner(exportUNetToOnnx(model, valid), { threads: 1 });
    const image = { width: 150, height: 97, channels: 3, data: randomValues(150 * 97 * 3, 9) };
    const before = tf.memory().numTensors;
    let tiles = 0;
    const expected = await predictWithTileRunner(tfjsTileRunner(tf, model), valid, image);
    const actual = await predictWithTileRunner(onnx.atTileSize(size), valid, image, {
      onTile: (done) => (tiles = done),
    });
    expect(tiles).toBeGreaterThan(20);
    expect(actual.length).toBe(150 * 97 * 3);
    expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-4);
    expect(tf.memory().numTensors).toBe(before);
    await onnx.release();
    model.dispose();
  });

  it('serves another tile size from the same session', async () => {
    const model = buildUNet(tf, valid, 60, 4);
    const onnx = await createOnnxTileRunner(exportUNetToOnnx(model, valid), { threads: 1 });
    const out = await onnx.predictTile(randomTile(76, 3, 1), 76);
    expect(out.length).toBe(36 * 36 * 3);
    // Probabilities: every pixel's classes sum to 1.
    for (let p = 0; p < 36 * 36; p++)
      expect(out[3 * p]! + out[3 * p + 1]! + out[3 * p + 2]!).toBeCloseTo(1, 5);
    await expect(onnx.predictTile(new Float32Array(10), 76)).rejects.toThrow(/not 76 px square/);
    await onnx.release();
    model.dispose();
  });
});

describe('loading ONNX Runtime', () => {
  it('loads the installed package', async () => {
    const loaded = await loadOnnxRuntime();
    expect(loaded.ok).toBe(true);
  });

  it('turns a missing or broken install into a reason instead of a throw', async () => {
    const missing = Object.assign(new Error("Cannot find package 'onnxruntime-node'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(await loadOnnxRuntime(() => Promise.reject(missing))).toEqual({
      ok: false,
      reason: 'onnxruntime-node is not installed',
    });
    const broken = new Error(
      'libonnxruntime.so.1: cannot open shared object file: No such file or directory\n  at dlopen',
    );
    expect(await loadOnnxRuntime(() => Promise.reject(broken))).toEqual({
      ok: false,
      reason:
        'onnxruntime-node cannot load: libonnxruntime.so.1: cannot open shared object file: No such file or directory',
    });
  });

  it('asks for the accelerator each platform’s package ships, then the CPU', () => {
    expect(preferredExecutionProviders('win32')).toEqual(['dml', 'cpu']);
    expect(preferredExecutionProviders('darwin')).toEqual(['coreml', 'cpu']);
    expect(preferredExecutionProviders('linux')).toEqual(['cpu']);
  });
});
