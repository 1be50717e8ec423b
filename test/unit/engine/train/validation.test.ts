// Validation on painted pixels: only labelled pixels count ("agreement with your labels"), and the
// crop around them gives the same numbers as the whole page.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cropToLabelled, labelledWindow } from '../../../../src-main/engine/data/labelled-crop';
import type { LabelledImage } from '../../../../src-main/engine/data/training-set';
import { buildUNet } from '../../../../src-main/engine/network/build-unet';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { argmaxClasses } from '../../../../src-main/engine/predict/class-maps';
import { predictProbabilities } from '../../../../src-main/engine/predict/overlap-tile';
import { validate } from '../../../../src-main/engine/train/validation';
import type { LayersModel } from '../../../../src-main/engine/tf-types';
import { computeWeightMap } from '../../../../src-main/engine/weights';

const config: UNetConfig = {
  depth: 2,
  filters: 3,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 2,
};
const TILE = 60;

function texture(width: number, height: number) {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      data[y * width + x] = 0.5 + 0.4 * Math.sin(x / 3) * Math.cos(y / 5);
  return { width, height, channels: 1, data };
}

function labelled(image: ReturnType<typeof texture>, labels: Uint8Array): LabelledImage {
  const weights = computeWeightMap(labels, image.width, image.height, undefined, {
    numClasses: 2,
    w0: 0,
  });
  return { name: 'page', image, labels, weights, objectSizes: [] };
}

let model: LayersModel;
let before: number;
beforeAll(async () => {
  await tf.setBackend('cpu');
  before = tf.memory().numTensors;
  model = buildUNet(tf, config, TILE, 7);
});
afterAll(() => {
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

describe('validation on painted pixels', () => {
  it('counts only labelled pixels: unpainted pixels change nothing', async () => {
    const image = texture(40, 40);
    const start = tf.memory().numTensors;
    const probabilities = await predictProbabilities(tf, model, config, image);
    const predicted = argmaxClasses(probabilities, 40 * 40, 2);
    // Paint a quarter of the pixels: half of them as the network predicts, half the other class.
    const labels = new Uint8Array(40 * 40);
    const painted: number[] = [];
    for (let i = 0; i < labels.length; i += 4) painted.push(i);
    painted.forEach((i, n) => {
      labels[i] = n % 2 === 0 ? predicted[i]! + 1 : 2 - predicted[i]!;
    });
    const metrics = await validate(tf, model, config, [labelled(image, labels)]);
    expect(metrics.pixelError).toBeCloseTo(0.5, 10);

    let loss = 0;
    const weights = labelled(image, labels).weights;
    for (const i of painted)
      loss += -Math.log(probabilities[i * 2 + labels[i]! - 1]!) * weights[i]!;
    expect(metrics.loss).toBeCloseTo(loss / painted.length, 5);

    // Painting the rest of the pixels as predicted makes them count, and only then.
    const full = Uint8Array.from(labels, (label, i) => (label === 0 ? predicted[i]! + 1 : label));
    const everywhere = await validate(tf, model, config, [labelled(image, full)]);
    expect(everywhere.pixelError).toBeCloseTo(painted.length / 2 / full.length, 10);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('gives the same numbers on the crop around the painted pixels as on the whole page', async () => {
    const image = texture(200, 150);
    const labels = new Uint8Array(200 * 150);
    for (let y = 60; y < 80; y++)
      for (let x = 90; x < 120; x++) labels[y * 200 + x] = x < 105 ? 1 : 2;
    const item = labelled(image, labels);
    const cropped = cropToLabelled(item, config);
    expect(cropped.image.width).toBeLessThan(200);
    expect(cropped.image.height).toBeLessThan(150);
    const window = labelledWindow(labels, 200, 150, config)!;
    expect([window.x % 4, window.y % 4]).toEqual([0, 0]);
    const whole = await validate(tf, model, config, [item]);
    const part = await validate(tf, model, config, [cropped]);
    expect(part.loss).toBeCloseTo(whole.loss, 6);
    expect(part.pixelError).toBe(whole.pixelError);
    expect(part.foregroundIoU).toBe(whole.foregroundIoU);
  });
});
