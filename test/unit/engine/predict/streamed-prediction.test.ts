// Large-image prediction normalises tile by tile and reduces each tile's output as it arrives;
// both must give exactly what the whole-image path gives.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelMetadata } from '../../../../src-main/engine/checkpoint/model-metadata';
import {
  labelsFromProbabilities,
  predictionMapsSink,
} from '../../../../src-main/engine/jobs/prediction-maps';
import { predictMask } from '../../../../src-main/engine/jobs/segment-mask';
import { buildUNet } from '../../../../src-main/engine/network/build-unet';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { argmaxClasses, classPlane } from '../../../../src-main/engine/predict/class-maps';
import {
  normaliseForNetwork,
  rawNetworkImage,
} from '../../../../src-main/engine/predict/normalise';
import {
  extractInputTile,
  planTiles,
  predictTiles,
  predictWithTileRunner,
  tfjsTileRunner,
} from '../../../../src-main/engine/predict/overlap-tile';
import { testModelMetadata } from '../../../support/model-metadata';

const WIDTH = 150;
const HEIGHT = 110;
let seed = 3;
const raw = Uint16Array.from({ length: WIDTH * HEIGHT }, () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return 100 + (seed >>> 22);
});

const metadataFor = (config: UNetConfig, labelKind: ModelMetadata['labelKind']) =>
  testModelMetadata(config, { labelKind });

const configFor = (numClasses: number): UNetConfig => ({
  depth: 2,
  filters: 2,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses,
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('normalising tile by tile', () => {
  it('cuts exactly the tiles of the normalised page', () => {
    const config = configFor(2);
    const whole = normaliseForNetwork(raw, WIDTH, HEIGHT, 1);
    const lazy = rawNetworkImage(raw, WIDTH, HEIGHT, 1);
    const plan = planTiles(WIDTH, HEIGHT, 60, config);
    for (const { x, y } of plan.origins)
      expect(extractInputTile(lazy, x, y, plan)).toEqual(extractInputTile(whole, x, y, plan));
  });
});

describe('the mask segment writes, predicted tile by tile', () => {
  it.each([
    ['binary classes (0/255)', 2, 'binary', 'classes'],
    ['three classes', 3, 'classes', 'classes'],
    ['the foreground probability', 2, 'binary', 'probabilities'],
    ['one plane per class', 3, 'classes', 'probabilities'],
  ] as const)('equals the whole-map result: %s', async (_name, numClasses, labelKind, write) => {
    const config = configFor(numClasses);
    const model = buildUNet(tf, config, 60, 11);
    const runner = tfjsTileRunner(tf, model);
    const metadata = metadataFor(config, labelKind);
    const pixels = WIDTH * HEIGHT;
    const probabilities = await predictWithTileRunner(
      runner,
      config,
      normaliseForNetwork(raw, WIDTH, HEIGHT, 1),
    );
    const mask = await predictMask(
      runner,
      rawNetworkImage(raw, WIDTH, HEIGHT, 1),
      metadata,
      write,
      0,
    );
    expect([mask.width, mask.height]).toEqual([WIDTH, HEIGHT]);
    if (write === 'classes') {
      const labels = argmaxClasses(probabilities, pixels, numClasses);
      const expected = numClasses === 2 ? labels.map((k) => (k === 1 ? 255 : 0)) : labels;
      expect(mask.data).toEqual(expected);
      // A random network still has to have predicted more than one class for this to mean much.
      expect(new Set(mask.data).size).toBeGreaterThan(1);
    } else if (numClasses === 2) {
      expect(mask.data).toEqual(classPlane(probabilities, pixels, 2, 1));
    } else {
      expect(mask.pages).toBe(numClasses);
      for (let k = 0; k < numClasses; k++)
        expect(mask.data.subarray(k * pixels, (k + 1) * pixels)).toEqual(
          classPlane(probabilities, pixels, numClasses, k),
        );
    }
    model.dispose();
  });
});

describe('the review maps of one page, predicted tile by tile', () => {
  it('equal the maps of the whole probability map, label values included', async () => {
    const config = configFor(3);
    const model = buildUNet(tf, config, 60, 5);
    const runner = tfjsTileRunner(tf, model);
    const pixels = WIDTH * HEIGHT;
    const probabilities = await predictWithTileRunner(
      runner,
      config,
      normaliseForNetwork(raw, WIDTH, HEIGHT, 1),
    );
    const labelValues = [1, 0, 4]; // class 1 never wins; class 2 is project label 4
    const expected = labelsFromProbabilities(probabilities, pixels, 3, labelValues);
    const maps = {
      classes: new Uint8Array(pixels),
      foregroundProbability: new Float32Array(pixels),
    };
    await predictTiles(
      runner,
      config,
      rawNetworkImage(raw, WIDTH, HEIGHT, 1),
      predictionMapsSink(maps, WIDTH, 3, labelValues),
    );
    expect(maps.classes).toEqual(expected.classes);
    expect(maps.foregroundProbability).toEqual(expected.foregroundProbability);
    expect(new Set(maps.classes)).not.toContain(0);
    // Without the probability map (very large pages): the same classes.
    const classesOnly = { classes: new Uint8Array(pixels), foregroundProbability: null };
    await predictTiles(
      runner,
      config,
      rawNetworkImage(raw, WIDTH, HEIGHT, 1),
      predictionMapsSink(classesOnly, WIDTH, 3, labelValues),
    );
    expect(classesOnly.classes).toEqual(expected.classes);
    model.dispose();
  });
});
