import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildUNet,
  countConvLayers,
  resizeUNet,
} from '../../../../src-main/engine/network/build-unet';
import {
  inputForOutput,
  isValidInput,
  outputSize,
  skipCrops,
  tileMargin,
} from '../../../../src-main/engine/network/tile-geometry';
import { PRESETS } from '../../../../src-main/engine/network/unet-config';

const valid4 = { depth: 4, padding: 'valid' as const };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tile geometry', () => {
  it('follows the paper: 572 -> 388 at depth 4, a margin of 184, valid sizes every 16 px', () => {
    expect(outputSize(572, valid4)).toBe(388);
    expect(tileMargin(valid4)).toBe(184);
    for (const size of [572, 508, 444, 380, 316, 252, 188])
      expect(outputSize(size, valid4)).toBe(size - 184);
    for (const size of [571, 573, 560, 512]) expect(isValidInput(size, valid4)).toBe(false);
    expect(skipCrops(valid4)).toEqual([88, 40, 16, 4]);
    expect(inputForOutput(388, valid4)).toBe(572);
    expect(inputForOutput(389, valid4)).toBe(588);
  });

  it('keeps the size with same padding when it divides by 2^depth', () => {
    expect(outputSize(256, { depth: 4, padding: 'same' })).toBe(256);
    expect(outputSize(250, { depth: 4, padding: 'same' })).toBeUndefined();
  });
});

describe('the U-Net', () => {
  it('has the paper shape: 23 conv layers, about 31.0 M parameters, 572 -> 388', () => {
    const before = tf.memory().numTensors;
    const model = buildUNet(tf, { ...PRESETS.paper.network, inputChannels: 1, numClasses: 2 }, 572);
    expect(countConvLayers(model)).toBe(23);
    const params = model.countParams();
    expect(params).toBeGreaterThan(30.9e6);
    expect(params).toBeLessThan(31.1e6);
    expect(model.computeOutputShape([1, 572, 572, 1])).toEqual([1, 388, 388, 2]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs a small valid network forward to the expected output size and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const config = {
      depth: 2,
      filters: 2,
      padding: 'valid' as const,
      dropout: 0,
      inputChannels: 1,
      numClasses: 3,
    };
    const input = 60;
    const model = buildUNet(tf, config, input);
    const y = tf.tidy(() => model.predict(tf.ones([1, input, input, 1])) as tf.Tensor);
    expect(y.shape).toEqual([
      1,
      outputSize(input, { depth: 2, padding: 'valid' }),
      outputSize(input, { depth: 2, padding: 'valid' }),
      3,
    ]);
    y.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resizes to another tile size with the same weights and the same answer on a shared region', () => {
    const config = {
      depth: 2,
      filters: 2,
      padding: 'valid' as const,
      dropout: 0,
      inputChannels: 1,
      numClasses: 2,
    };
    const small = buildUNet(tf, config, 44, 7);
    const large = resizeUNet(tf, small, config, 60);
    const image = tf.randomUniform([1, 60, 60, 1], 0, 1, 'float32', 3);
    const [whole, part] = tf.tidy(() => [
      large.predict(image) as tf.Tensor,
      small.predict(image.slice([0, 0, 0, 0], [1, 44, 44, 1])) as tf.Tensor,
    ]);
    const overlap = part.shape[1]!;
    const diff = tf.tidy(
      () =>
        whole.slice([0, 0, 0, 0], [1, overlap, overlap, 2]).sub(part).abs().max().dataSync()[0]!,
    );
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([whole, part, image]);
    small.dispose();
    large.dispose();
  });

  it('initialises convolutions with He-normal weights (std sqrt(2 / fan_in))', () => {
    const model = buildUNet(tf, { ...PRESETS.cpu.network, inputChannels: 1, numClasses: 2 }, 252);
    const kernel = model.getLayer('enc3_conv2').getWeights()[0]!;
    const values = Array.from(kernel.dataSync());
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    const expected = Math.sqrt(2 / (3 * 3 * 128));
    // 3*3*128*128 = 147k draws: the sample std is within 1% of the true one.
    expect(std).toBeGreaterThan(expected * 0.98);
    expect(std).toBeLessThan(expected * 1.02);
    expect(Math.abs(mean)).toBeLessThan(expected * 0.02);
    model.dispose();
  });
});
