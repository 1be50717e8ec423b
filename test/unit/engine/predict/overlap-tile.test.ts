import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildUNet, resizeUNet } from '../../../../src-main/engine/network/build-unet';
import { inputForOutput, outputSize } from '../../../../src-main/engine/network/tile-geometry';
import type { UNetConfig } from '../../../../src-main/engine/network/unet-config';
import { dihedral, inverseDihedral } from '../../../../src-main/engine/predict/dihedral';
import { planTiles, predictProbabilities } from '../../../../src-main/engine/predict/overlap-tile';

const config: UNetConfig = {
  depth: 2,
  filters: 3,
  padding: 'valid',
  dropout: 0,
  inputChannels: 1,
  numClasses: 2,
};

function randomImage(width: number, height: number, seed: number) {
  let s = seed;
  const data = new Float32Array(width * height).map(
    () => (s = (s * 16807) % 2147483647) / 2147483647,
  );
  return { width, height, channels: 1, data };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tile plan', () => {
  it('starts every tile on the max-pool grid and covers the image', () => {
    const plan = planTiles(1000, 700, 572, { ...config, depth: 4 });
    expect(plan.outputSize).toBe(388);
    expect(plan.stride).toBe(384);
    for (const { x, y } of plan.origins) expect([x % 16, y % 16]).toEqual([0, 0]);
    expect(Math.max(...plan.origins.map((o) => o.x)) + plan.outputSize).toBeGreaterThanOrEqual(
      1000,
    );
    expect(Math.max(...plan.origins.map((o) => o.y)) + plan.outputSize).toBeGreaterThanOrEqual(700);
  });
});

describe('overlap-tile prediction', () => {
  it('gives the same result tiled and in a single pass, to float precision', async () => {
    const image = randomImage(71, 53, 11);
    const small = buildUNet(tf, config, 44, 5);
    expect(outputSize(44, config)).toBeLessThan(53);
    const single = resizeUNet(tf, small, config, inputForOutput(80, config));
    const before = tf.memory().numTensors;
    let tiles = 0;
    const tiled = await predictProbabilities(tf, small, config, image, {
      onTile: (done) => (tiles = done),
    });
    const whole = await predictProbabilities(tf, single, config, image);
    expect(tf.memory().numTensors).toBe(before);
    expect(tiles).toBeGreaterThan(4);
    let maxDiff = 0;
    for (let i = 0; i < tiled.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(tiled[i]! - whole[i]!));
    expect(maxDiff).toBeLessThan(1e-5);
    // Probabilities sum to 1 per pixel.
    expect(tiled[0]! + tiled[1]!).toBeCloseTo(1, 5);
    small.dispose();
    single.dispose();
  });

  it('inverts every rotation and flip exactly', () => {
    const x = tf.tensor4d(
      Array.from({ length: 12 }, (_, i) => i),
      [1, 2, 2, 3],
    );
    const seen = new Set<string>();
    for (let k = 0; k < 8; k++) {
      const y = dihedral(tf, x, k);
      seen.add(JSON.stringify(y.arraySync()));
      const back = inverseDihedral(tf, y, k);
      expect(back.arraySync()).toEqual(x.arraySync());
      tf.dispose([y, back]);
    }
    expect(seen.size).toBe(8);
    x.dispose();
  });

  it('averages over 8 transforms with test-time augmentation, leaking nothing', async () => {
    const image = randomImage(30, 30, 3);
    const model = buildUNet(tf, config, 60, 9);
    const before = tf.memory().numTensors;
    const plain = await predictProbabilities(tf, model, config, image);
    const averaged = await predictProbabilities(tf, model, config, image, {
      testTimeAugmentation: true,
    });
    expect(tf.memory().numTensors).toBe(before);
    let differs = 0;
    for (let i = 0; i < plain.length; i++) if (Math.abs(plain[i]! - averaged[i]!) > 1e-6) differs++;
    expect(differs).toBeGreaterThan(0);
    model.dispose();
  });
});
