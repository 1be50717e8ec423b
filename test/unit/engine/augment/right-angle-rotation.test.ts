import { describe, expect, it } from 'vitest';
import { labelledPixelIndex, Rng, sampleTrainingTile } from '../../../../src-main/engine/augment';

describe("rotation by right angles ('right-angles')", () => {
  it('moves whole pixels: the image under the output window equals the labels exactly', () => {
    const width = 90;
    const height = 70;
    const labels = Uint8Array.from({ length: width * height }, (_, i) => 1 + ((i * 7919) % 5));
    const source = {
      width,
      height,
      channels: 1,
      image: Float32Array.from(labels),
      labels,
      weights: new Float32Array(width * height).fill(1),
      labelledIndex: labelledPixelIndex(labels),
    };
    const input = 60;
    const output = 20;
    const margin = (input - output) / 2;
    const orientations = new Set<string>();
    for (let seed = 0; seed < 16; seed++) {
      const tile = sampleTrainingTile(source, input, output, new Rng(seed), {
        rotate: 'right-angles',
        flip: true,
      });
      let unlabelled = 0;
      for (let y = 0; y < output; y++)
        for (let x = 0; x < output; x++) {
          const label = tile.labels[y * output + x]!;
          // Rotating an even window about its centre pixel can push one row or column past
          // the image edge: unlabelled there (weight 0), never misaligned.
          if (label === 0) unlabelled++;
          else expect(tile.image[(y + margin) * input + x + margin]).toBe(label);
        }
      expect(unlabelled).toBeLessThanOrEqual(2 * output);
      orientations.add(Array.from(tile.labels.subarray(0, 3)).join());
    }
    // Different seeds give different orientations and places, not one fixed crop.
    expect(orientations.size).toBeGreaterThan(4);
  });
});
