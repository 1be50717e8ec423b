// The segment job on a small folder, once through ONNX Runtime and once through tfjs: the same
// masks come out, from a checkpoint with model.onnx and from an older one without it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_FILE, saveCheckpoint } from '../../../../src-main/engine/checkpoint/checkpoint-io';
import type {
  SegmentJobProgress,
  SegmentJobRequest,
} from '../../../../src-main/engine/jobs/job-types';
import { segmentJob } from '../../../../src-main/engine/jobs/segment-job';
import { buildUNet } from '../../../../src-main/engine/network/build-unet';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { decodeImage } from '../../../../src-main/imaging/decode';
import { encodeTiff } from '../../../../src-main/imaging/tiff-write';
import { maxAbsDiff, randomValues } from '../../../unit/engine/onnx/compare-engines';
import { testModelMetadata } from '../../../support/model-metadata';

const config: UNetConfig = {
  depth: 2,
  filters: 4,
  padding: 'valid',
  dropout: 0.5,
  inputChannels: 1,
  numClasses: 2,
};
const metadata = testModelMetadata(config);
const work = mkdtempSync(join(tmpdir(), 'studio-onnx-segment-'));
const images = join(work, 'images');
const modelDir = join(work, 'model');
const sizes = { a: [70, 53], b: [40, 40], c: [97, 64] } as const;

beforeAll(async () => {
  await tf.setBackend('cpu');
  mkdirSync(images);
  for (const [name, [width, height]] of Object.entries(sizes)) {
    // Smooth blobs plus noise, so the random network's output varies across the image.
    const noise = randomValues(width * height, width);
    const data = Uint8Array.from(noise, (n, i) => {
      const x = i % width;
      const y = Math.floor(i / width);
      return Math.round(127 + 80 * Math.sin(x / 6) * Math.cos(y / 5) + 40 * n);
    });
    writeFileSync(join(images, `${name}.tif`), encodeTiff({ width, height, data }));
  }
  const model = buildUNet(tf, config, 60, 17);
  await saveCheckpoint(tf, modelDir, model, metadata);
  model.dispose();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function segment(outName: string, overrides: Partial<SegmentJobRequest>) {
  const outDir = join(work, outName);
  const events: SegmentJobProgress[] = [];
  const before = tf.memory().numTensors;
  const result = await segmentJob(
    {
      modelDir,
      inputDir: images,
      outDir,
      write: 'probabilities',
      tta: false,
      backend: 'cpu',
      ...overrides,
    },
    { signal: new AbortController().signal, progress: (event) => events.push(event) },
  );
  expect(tf.memory().numTensors).toBe(before);
  expect(result.failed).toEqual([]);
  const masks = Object.keys(sizes).map((name) => {
    const file = `${name}.tif`;
    return decodeImage(new Uint8Array(readFileSync(join(outDir, file))), file);
  });
  return { result, events, masks };
}

const values = (data: ArrayLike<number>) => Float32Array.from(data);

describe('segment job with ONNX Runtime', () => {
  it('writes the probabilities tfjs writes, and the same class masks', async () => {
    const viaTfjs = await segment('tfjs', { engine: 'tfjs' });
    const viaOnnx = await segment('onnx', {});
    expect(viaTfjs.result.engine).toBe('cpu');
    expect(viaOnnx.result.engine).toBe('onnxruntime');
    expect(viaOnnx.result.onnxSkipped).toBeUndefined();
    expect(viaOnnx.events.every((event) => event.engine === 'onnxruntime')).toBe(true);
    for (const [i, mask] of viaOnnx.masks.entries()) {
      const reference = viaTfjs.masks[i]!;
      expect([mask.width, mask.height]).toEqual([reference.width, reference.height]);
      expect(maxAbsDiff(values(mask.data), values(reference.data))).toBeLessThanOrEqual(1e-4);
      // A network whose output varies: the comparison is not between two constant images.
      expect(Math.max(...reference.data) - Math.min(...reference.data)).toBeGreaterThan(0.05);
    }

    const classesTfjs = await segment('classes-tfjs', { engine: 'tfjs', write: 'classes' });
    const classesOnnx = await segment('classes-onnx', { engine: 'onnxruntime', write: 'classes' });
    for (const [i, mask] of classesOnnx.masks.entries()) {
      const foreground = viaTfjs.masks[i]!.data;
      const reference = classesTfjs.masks[i]!.data;
      for (let p = 0; p < mask.data.length; p++) {
        // Only a pixel on the fence (p = 0.5 within the engines' difference) may differ.
        if (mask.data[p] !== reference[p])
          expect(Math.abs(foreground[p]! - 0.5)).toBeLessThan(1e-4);
      }
    }
  });

  it('exports the loaded model for a checkpoint saved without model.onnx', async () => {
    rmSync(join(modelDir, ONNX_FILE));
    const viaTfjs = await segment('old-tfjs', { engine: 'tfjs', tta: true });
    const viaOnnx = await segment('old-onnx', { tta: true });
    expect(viaOnnx.result.engine).toBe('onnxruntime');
    for (const [i, mask] of viaOnnx.masks.entries())
      expect(maxAbsDiff(values(mask.data), values(viaTfjs.masks[i]!.data))).toBeLessThanOrEqual(
        1e-4,
      );
  });
});
