import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyDihedral, invertDihedral } from '../../../../src-main/engine/onnx/dihedral-pixels';
import { nchwToNhwc, nhwcToNchw } from '../../../../src-main/engine/onnx/onnx-tile-runner';
import { dihedral, inverseDihedral } from '../../../../src-main/engine/predict/dihedral';
import { randomTile } from './compare-engines';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('rotations and flips on plain arrays', () => {
  it('match the tfjs transforms and their inverses for all 8', () => {
    const side = 5;
    const channels = 3;
    const tile = randomTile(side, channels, 7);
    const before = tf.memory().numTensors;
    const seen = new Set<string>();
    for (let k = 0; k < 8; k++) {
      const [expected, expectedBack] = tf.tidy(() => {
        const x = tf.tensor4d(tile, [1, side, side, channels]);
        const y = dihedral(tf, x, k);
        return [y.dataSync(), inverseDihedral(tf, y, k).dataSync()];
      });
      const transformed = applyDihedral(tile, side, channels, k);
      expect([...transformed]).toEqual([...expected!]);
      expect([...invertDihedral(transformed, side, channels, k)]).toEqual([...tile]);
      expect([...expectedBack!]).toEqual([...tile]);
      seen.add(transformed.join());
    }
    expect(seen.size).toBe(8);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('NHWC and NCHW', () => {
  it('puts channel c of pixel p at c * pixels + p, and back', () => {
    // 2 x 2 pixels, 3 channels: pixel p, channel c holds 10 * p + c.
    const nhwc = Float32Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3));
    const nchw = nhwcToNchw(nhwc, 2, 3);
    expect([...nchw]).toEqual([0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32]);
    expect([...nchwToNhwc(nchw, 2, 3)]).toEqual([...nhwc]);
  });
});
