// The real topology of the `cpu` preset (depth 4, 16 filters, valid): every layer is mapped.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildUNet,
  countConvLayers,
  modelInputSize,
  resizeUNet,
} from '../../../../src-main/engine/network/build-unet';
import { outputSize, smallestValidInput } from '../../../../src-main/engine/network/tile-geometry';
import { PRESETS, type UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { exportUNetToOnnx } from '../../../../src-main/engine/onnx/export-unet';
import { createOnnxTileRunner } from '../../../../src-main/engine/onnx/onnx-tile-runner';
import { maxAbsDiff, randomTile, tfjsProbabilities } from './compare-engines';
import { readFields, text } from './proto-reader';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: UNetConfig = { ...PRESETS.cpu.network, inputChannels: 1, numClasses: 2 };

describe('ONNX export of the cpu preset', () => {
  it('maps every layer and equals tfjs at two tile sizes', async () => {
    const size = smallestValidInput(config);
    expect(size).toBe(188);
    const model = buildUNet(tf, config, size, 1);
    const bytes = exportUNetToOnnx(model, config);

    const graph = readFields(readFields(bytes).find((f) => f.field === 7)!.bytes!);
    const ops = graph
      .filter((f) => f.field === 1)
      .map((node) => text(readFields(node.bytes!).find((f) => f.field === 4)!.bytes));
    const count = (op: string) => ops.filter((o) => o === op).length;
    expect(count('Conv') + count('ConvTranspose')).toBe(countConvLayers(model));
    expect(count('Relu')).toBe(countConvLayers(model) - 4 - 1); // all but up-convs and the head
    expect([count('MaxPool'), count('Slice'), count('Concat'), count('Softmax')]).toEqual([
      4, 4, 4, 1,
    ]);
    // Every weight of the model is in the file: 4 bytes a parameter, nothing left out.
    const parameters = model.countParams();
    expect(bytes.length).toBeGreaterThan(parameters * 4);
    expect(bytes.length).toBeLessThan(parameters * 4 + 64 * 1024);

    // Its smallest tile (4 px out) and a larger one from the same file.
    const larger = resizeUNet(tf, model, config, size + 32);
    const before = tf.memory().numTensors;
    const runner = await createOnnxTileRunner(bytes, { threads: 1 });
    for (const reference of [model, larger]) {
      const input = modelInputSize(reference);
      const tile = randomTile(input, 1, input);
      const expected = tfjsProbabilities(tf, reference, tile, input, 1);
      const actual = await runner.predictTile(tile, input);
      expect(actual.length).toBe(outputSize(input, config)! ** 2 * 2);
      expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-4);
    }
    await runner.release();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    larger.dispose();
  });
});
