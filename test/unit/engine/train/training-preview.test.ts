// The live preview: which window of a page it covers, that it predicts with the weights of the
// moment (not those it first saw), and that it owns and frees its tensors.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildUNet } from '../../../../src-main/engine/network/build-unet';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { argmaxClasses } from '../../../../src-main/engine/predict/class-maps';
import { predictProbabilities } from '../../../../src-main/engine/predict/overlap-tile';
import {
  cropNetworkImage,
  previewWindow,
  TrainingPreview,
} from '../../../../src-main/engine/train/training-preview';

const config: UNetConfig = {
  depth: 2,
  filters: 2,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 3,
};

function ramp(width: number, height: number) {
  const data = new Float32Array(width * height).map((_, i) => ((i * 37) % 101) / 100);
  return { width, height, channels: 1, data };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the preview window', () => {
  it('is the whole page up to 1024 px a side, else a centred window of 1024', () => {
    expect(previewWindow(500, 400)).toEqual({ x: 0, y: 0, width: 500, height: 400 });
    expect(previewWindow(1100, 64)).toEqual({ x: 38, y: 0, width: 1024, height: 64 });
    expect(previewWindow(3000, 2049)).toEqual({ x: 988, y: 512, width: 1024, height: 1024 });
  });

  it('cuts the window out of the normalised page', () => {
    const page = ramp(10, 6);
    const window = { x: 3, y: 2, width: 4, height: 3 };
    const crop = cropNetworkImage(page, window);
    expect([crop.width, crop.height]).toEqual([4, 3]);
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 4; x++)
        expect(crop.data[y * 4 + x]).toBe(page.data[(y + 2) * 10 + x + 3]);
  });
});

describe('the training preview', () => {
  it('predicts project class indices with the current weights and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const model = buildUNet(tf, config, 60, 1);
    const image = ramp(48, 40);
    const preview = new TrainingPreview(
      tf,
      config,
      572,
      image,
      { x: 0, y: 0, width: 48, height: 40 },
      5,
    );
    expect(preview.due(3)).toBe(false);
    expect(preview.due(5)).toBe(true);

    const expected = async () => {
      const p = await predictProbabilities(tf, model, config, image);
      return argmaxClasses(p, 48 * 40, 3).map((c) => c + 1);
    };
    const first = await preview.predict(model);
    expect(first).toEqual(await expected());
    expect(Math.min(...first)).toBeGreaterThanOrEqual(1);

    // Training changes the weights: the next preview must follow them, and make no tensors.
    const changed = model
      .getWeights()
      .map((w, i) => tf.randomNormal(w.shape, 0, 0.5, 'float32', i + 3));
    model.setWeights(changed);
    tf.dispose(changed);
    const live = tf.memory().numTensors;
    const second = await preview.predict(model);
    expect(tf.memory().numTensors).toBe(live);
    expect(second).toEqual(await expected());
    expect(second).not.toEqual(first);
    // Long after the last preview, the time share allows the next one.
    expect(preview.due(10, performance.now() + 60_000)).toBe(true);

    preview.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
