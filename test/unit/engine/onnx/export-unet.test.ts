import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildUNet, resizeUNet } from '../../../../src-main/engine/network/build-unet';
import { outputSize, smallestValidInput } from '../../../../src-main/engine/network/tile-geometry';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { exportUNetToOnnx } from '../../../../src-main/engine/onnx/export-unet';
import { createOnnxTileRunner } from '../../../../src-main/engine/onnx/onnx-tile-runner';
import { maxAbsDiff, randomTile, tfjsProbabilities } from './compare-engines';
import { packedInts, readFields, text } from './proto-reader';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const configs: [string, UNetConfig][] = [
  [
    'depth 2, valid, 1 channel, 2 classes',
    { depth: 2, filters: 4, padding: 'valid', dropout: 0, inputChannels: 1, numClasses: 2 },
  ],
  [
    'depth 3, valid, 3 channels, 3 classes, dropout',
    { depth: 3, filters: 4, padding: 'valid', dropout: 0.3, inputChannels: 3, numClasses: 3 },
  ],
  [
    'depth 2, same, 3 channels, 3 classes, dropout',
    { depth: 2, filters: 4, padding: 'same', dropout: 0.5, inputChannels: 3, numClasses: 3 },
  ],
  [
    'depth 3, same, 1 channel, 2 classes',
    { depth: 3, filters: 4, padding: 'same', dropout: 0, inputChannels: 1, numClasses: 2 },
  ],
];

describe('ONNX export of the U-Net', () => {
  it.each(configs)(
    '%s: ONNX Runtime equals tfjs softmax at two tile sizes from one file',
    async (_, config) => {
      // Valid sizes step by 2^depth; two steps apart from one file proves the size is symbolic.
      const small = smallestValidInput(config) + 2 * 2 ** config.depth;
      const large = small + 3 * 2 ** config.depth;
      const model = buildUNet(tf, config, small, 11);
      const resized = resizeUNet(tf, model, config, large);
      const before = tf.memory().numTensors;
      const bytes = exportUNetToOnnx(model, config);
      expect(tf.memory().numTensors).toBe(before);
      const runner = await createOnnxTileRunner(bytes, { threads: 1 });
      try {
        for (const [size, reference] of [
          [small, model],
          [large, resized],
        ] as const) {
          const tile = randomTile(size, config.inputChannels, size);
          const expected = tfjsProbabilities(tf, reference, tile, size, config.inputChannels);
          const actual = await runner.predictTile(tile, size);
          expect(actual.length).toBe(outputSize(size, config)! ** 2 * config.numClasses);
          expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-4);
        }
      } finally {
        await runner.release();
      }
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      resized.dispose();
    },
  );

  it('writes a ModelProto that ONNX Runtime loads, with its metadata and symbolic sizes', async () => {
    const config = configs[1]![1];
    const model = buildUNet(tf, config, smallestValidInput(config), 2);
    const bytes = exportUNetToOnnx(model, config, {
      classNames: ['Background', 'Cell', 'Border'],
      properties: { 'unet_studio.trained_steps': '1200' },
    });
    model.dispose();

    const fields = readFields(bytes);
    const one = (n: number) => fields.find((f) => f.field === n)!;
    expect(one(1).value).toBe(8n); // ir_version
    expect(text(one(2).bytes)).toBe('unet-studio'); // producer_name
    const opset = readFields(one(8).bytes!);
    expect(opset.find((f) => f.field === 2)!.value).toBe(17n);
    const metadata = Object.fromEntries(
      fields
        .filter((f) => f.field === 14)
        .map((f) => readFields(f.bytes!).map((entry) => text(entry.bytes))),
    );
    expect(JSON.parse(metadata['unet_studio.class_names'])).toEqual([
      'Background',
      'Cell',
      'Border',
    ]);
    expect(JSON.parse(metadata['unet_studio.network'])).toEqual(config);
    expect(metadata['unet_studio.trained_steps']).toBe('1200');
    // Every Slice bound is an int64 initializer: the crop of the top level is 40 px at depth 3.
    const graph = readFields(one(7).bytes!);
    const initializers = graph.filter((f) => f.field === 5).map((f) => readFields(f.bytes!));
    const ends = initializers.find(
      (t) => text(t.find((f) => f.field === 8)!.bytes) === 'crop0.ends',
    )!;
    expect(ends.find((f) => f.field === 2)!.value).toBe(7n); // INT64
    expect([...new BigInt64Array(ends.find((f) => f.field === 9)!.bytes!.slice().buffer)]).toEqual([
      -40n,
      -40n,
    ]);
    expect(packedInts(ends.find((f) => f.field === 1)!.bytes!)).toEqual([2]);

    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['image']);
    expect(session.outputNames).toEqual(['probabilities']);
    const [input] = session.inputMetadata;
    expect(input).toMatchObject({
      name: 'image',
      isTensor: true,
      type: 'float32',
      shape: ['N', 3, 'height', 'width'],
    });
    await session.release();
  });

  it('refuses a model that does not match the configuration, creating no tensors', () => {
    const config = configs[0]![1];
    const model = buildUNet(tf, config, smallestValidInput(config), 3);
    const before = tf.memory().numTensors;
    expect(() => exportUNetToOnnx(model, { ...config, depth: 3 })).toThrow(/enc2_conv1|match/);
    expect(() => exportUNetToOnnx(model, { ...config, numClasses: 3 })).toThrow(/head/);
    expect(() => exportUNetToOnnx(model, { ...config, padding: 'same' })).toThrow(/enc0_conv1/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
