import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOurKernel } from '../../../../../src-main/engine/backend/wasm-kernels';
import { expectSameOnWasm, randomTensor, rng, useWasmWithOurKernels } from '../kernel-check';

const random = rng(42);
const x = randomTensor([2, 9, 11, 6], random);
const y = randomTensor([2, 9, 11, 3], random);

describe('wasm Slice, SplitV, Concat, Identity and Cast against the cpu backend', () => {
  beforeAll(useWasmWithOurKernels);

  it('replaces the stock kernels', () => {
    for (const name of ['Slice', 'SplitV', 'Concat', 'Identity', 'Cast']) {
      expect(isOurKernel(name), name).toBe(true);
    }
  });

  it.each([
    ['a centre crop (U-Net skip connection)', [0, 1, 2, 0], [2, 5, 6, 6]],
    ['a channel range', [1, 0, 0, 2], [1, 9, 11, 3]],
    ['one pixel', [1, 8, 10, 5], [1, 1, 1, 1]],
    ['everything (-1 sizes)', [0, 0, 0, 0], [-1, -1, -1, -1]],
    ['nothing', [0, 0, 0, 0], [0, 3, 3, 3]],
  ])('slices %s', async (label, begin, size) => {
    await expectSameOnWasm(`slice ${label}`, { x }, (t) => tf.slice(t.x!, begin, size));
  });

  it('slices int32 data bit for bit (negative values look like NaN to a float view)', async () => {
    await expectSameOnWasm('int slice', {}, () =>
      tf.slice(tf.range(-50, 50, 1, 'int32').reshape([10, 10]), [2, 3], [5, 4]).toFloat(),
    );
  });

  it.each([
    ['channels', [2, 4], 3],
    ['rows in three', 3, 1],
    ['images', [1, 1], 0],
  ] as const)('splits along %s', async (label, sizes, axis) => {
    await expectSameOnWasm(`split ${label}`, { x }, (t) =>
      tf.split(t.x!, sizes as number[] | number, axis),
    );
  });

  it.each([
    ['channels (U-Net skip concatenation)', 3],
    ['rows', 1],
    ['images', 0],
  ])('concatenates along %s', async (label, axis) => {
    const other = axis === 3 ? 'y' : 'x';
    await expectSameOnWasm(`concat ${label}`, { x, y }, (t) => tf.concat([t.x!, t[other]!], axis));
  });

  it('concatenates three inputs, one of them empty', async () => {
    await expectSameOnWasm('concat 3', { x, y }, (t) =>
      tf.concat([t.y!, tf.zeros([2, 9, 11, 0]), t.x!, t.y!], -1),
    );
  });

  it('concatenates int32 data exactly', async () => {
    await expectSameOnWasm('int concat', {}, () =>
      tf
        .concat([tf.fill([2, 3], -1, 'int32'), tf.range(-6, 6, 1, 'int32').reshape([4, 3])], 0)
        .toFloat(),
    );
  });

  it('clones by sharing data, and the clone outlives its source', () => {
    const before = tf.memory().numTensors;
    const source = tf.tensor([1, 2, 3]);
    const copy = tf.clone(source);
    const same = source.cast('float32');
    source.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(same.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([copy, same]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('still converts between dtypes', async () => {
    await expectSameOnWasm('cast', { x }, (t) => t.x!.mul(10).cast('int32').cast('float32'));
  });
});
