import { describe, expect, it } from 'vitest';
import { labelledPixelIndex } from '../../../../src-main/engine/augment/labelled-index';
import { reflectIndex } from '../../../../src-main/engine/augment/reflect';
import { Rng } from '../../../../src-main/engine/augment/rng';
import {
  sampleTrainingTile,
  type TrainingImage,
  type TrainingTile,
} from '../../../../src-main/engine/augment/sample-tile';
import { PAPER_AUGMENTATION } from '../../../../src-main/engine/augment/tile-transform';

const LABEL_VALUES = [0, 1, 3, 5];

/** Distinct image values; labels from {0, 1, 3, 5}; a weight unique per pixel, 0 where unlabelled. */
function makeSource(width: number, height: number, channels: number, seed: number): TrainingImage {
  const rng = new Rng(seed);
  const n = width * height;
  const image = Float32Array.from({ length: n * channels }, (_, k) => k / 7);
  const labels = Uint8Array.from({ length: n }, () => LABEL_VALUES[rng.int(4)]!);
  const weights = Float32Array.from(labels, (label, i) => (label === 0 ? 0 : label * 100000 + i));
  return { width, height, channels, image, labels, weights };
}

/** The tile with no augmentation: a plain crop around (cx, cy), mirrored image, labels 0 outside. */
function crop(
  source: TrainingImage,
  cx: number,
  cy: number,
  inputSize: number,
  outputSize: number,
) {
  const { width, height, channels } = source;
  const anchor = Math.floor(inputSize / 2);
  const margin = (inputSize - outputSize) / 2;
  const image = new Float32Array(inputSize * inputSize * channels);
  const labels = new Uint8Array(outputSize * outputSize);
  const weights = new Float32Array(outputSize * outputSize);
  for (let py = 0; py < inputSize; py++) {
    for (let px = 0; px < inputSize; px++) {
      const x = cx + px - anchor;
      const y = cy + py - anchor;
      const s = reflectIndex(y, height) * width + reflectIndex(x, width);
      for (let c = 0; c < channels; c++)
        image[(py * inputSize + px) * channels + c] = source.image[s * channels + c]!;
      const ox = px - margin;
      const oy = py - margin;
      if (ox < 0 || oy < 0 || ox >= outputSize || oy >= outputSize) continue;
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      labels[oy * outputSize + ox] = source.labels[y * width + x]!;
      weights[oy * outputSize + ox] = source.weights[y * width + x]!;
    }
  }
  return { image, labels, weights };
}

function expectTilesEqual(actual: TrainingTile, expected: TrainingTile): void {
  expect(Array.from(actual.image)).toEqual(Array.from(expected.image));
  expect(Array.from(actual.labels)).toEqual(Array.from(expected.labels));
  expect(Array.from(actual.weights)).toEqual(Array.from(expected.weights));
}

describe('sampleTrainingTile', () => {
  it.each([
    [21, 9, 1],
    [20, 8, 2],
    [14, 14, 3],
  ])(
    'is an exact crop with every option off (in %i, out %i, %i channels)',
    (inputSize, outputSize, channels) => {
      const source = makeSource(17, 13, channels, 1);
      for (const [cx, cy] of [
        [8, 6],
        [0, 0],
        [16, 12],
        [3, 11],
      ] as const) {
        const tile = sampleTrainingTile(
          { ...source, labelledIndex: Int32Array.of(cy * 17 + cx) },
          inputSize,
          outputSize,
          new Rng(9),
          {},
        );
        // Where the image is large enough, the output window is moved inside it.
        const inside = (c: number, length: number) =>
          length < outputSize
            ? c
            : Math.min(Math.max(c, Math.floor(outputSize / 2)), length - Math.ceil(outputSize / 2));
        expectTilesEqual(tile, crop(source, inside(cx, 17), inside(cy, 13), inputSize, outputSize));
      }
    },
  );

  it('is the identity under elastic deformation with zero displacement (sigma 0)', () => {
    const source = { ...makeSource(30, 25, 2, 4), labelledIndex: Int32Array.of(12 * 30 + 14) };
    const tile = sampleTrainingTile(source, 24, 10, new Rng(3), { elastic: { grid: 3, sigma: 0 } });
    expectTilesEqual(tile, crop(source, 14, 12, 24, 10));
  });

  it('invents no label values and keeps ignored pixels at weight 0 under full augmentation', () => {
    const source = makeSource(60, 50, 1, 5);
    const sourceWeights = new Set(source.weights);
    const options = { ...PAPER_AUGMENTATION, elastic: { grid: 3, sigma: 10 }, shift: 4 };
    const seen = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const tile = sampleTrainingTile(source, 44, 28, new Rng(seed), options);
      for (let o = 0; o < tile.labels.length; o++) {
        const label = tile.labels[o]!;
        seen.add(label);
        expect(LABEL_VALUES).toContain(label);
        if (label === 0) expect(tile.weights[o]).toBe(0);
        else {
          // Nearest neighbour: the weight is one source pixel's, and that pixel has this label.
          expect(sourceWeights.has(tile.weights[o]!)).toBe(true);
          expect(Math.floor(tile.weights[o]! / 100000)).toBe(label);
        }
      }
    }
    expect(seen).toEqual(new Set(LABEL_VALUES));
  });

  it('replays with the same seed and differs with another', () => {
    const source = makeSource(40, 40, 1, 6);
    source.labelledIndex = labelledPixelIndex(source.labels);
    const a = sampleTrainingTile(source, 36, 20, new Rng(77), PAPER_AUGMENTATION);
    const b = sampleTrainingTile(source, 36, 20, new Rng(77), PAPER_AUGMENTATION);
    const c = sampleTrainingTile(source, 36, 20, new Rng(78), PAPER_AUGMENTATION);
    expectTilesEqual(a, b);
    expect(Array.from(c.image)).not.toEqual(Array.from(a.image));
  });

  it('puts a labelled pixel in every tile, keeps windows inside the image, and reaches all', () => {
    const width = 50;
    const source = makeSource(width, 40, 1, 7);
    source.labels.fill(0);
    source.weights.fill(0);
    const labelled = [3 * width + 4, 20 * width + 25, 39 * width + 49, 10 * width + 30];
    for (const i of labelled) {
      source.labels[i] = 1;
      source.weights[i] = 2;
    }
    source.labelledIndex = labelledPixelIndex(source.labels);
    expect(Array.from(source.labelledIndex)).toEqual([...labelled].sort((p, q) => p - q));
    const centres = new Set<number>();
    for (let seed = 0; seed < 60; seed++) {
      const tile = sampleTrainingTile(source, 17, 9, new Rng(seed), {});
      const at = tile.labels.indexOf(1);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(tile.weights[at]).toBe(2);
      centres.add(tile.image[8 * 17 + 8]!); // the source value tells which pixel it was
    }
    // Pixels (4, 3), (25, 20), (49, 39) and (30, 10): the corner ones are moved inward, each to
    // its own window centre, so all four windows are drawn.
    expect(centres.size).toBe(labelled.length);
  });

  it('labels output pixels outside a small image 0 (weight 0) while the input context is mirrored', () => {
    // Smaller than the output window, so the window cannot be moved inside the image.
    const source = makeSource(6, 6, 1, 8);
    source.labels.fill(1);
    source.weights.fill(3);
    const tile = sampleTrainingTile(
      { ...source, labelledIndex: Int32Array.of(0) },
      15,
      9,
      new Rng(1),
      {},
    );
    for (let oy = 0; oy < 9; oy++) {
      for (let ox = 0; ox < 9; ox++) {
        const inside = ox >= 4 && oy >= 4; // output centre (4, 4) is source pixel (0, 0)
        expect(tile.labels[oy * 9 + ox]).toBe(inside ? 1 : 0);
        expect(tile.weights[oy * 9 + ox]).toBe(inside ? 3 : 0);
      }
    }
    // Input pixel (6, 7) is source (-1, 0), mirrored to (1, 0).
    expect(tile.image[7 * 15 + 6]).toBe(source.image[1]);
  });

  it('flips into all four mirror images of the crop', () => {
    const source = { ...makeSource(30, 30, 1, 9), labelledIndex: Int32Array.of(15 * 30 + 15) };
    const plain = crop(source, 15, 15, 11, 11).image;
    const variants = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const tile = sampleTrainingTile(source, 11, 11, new Rng(seed), { flip: true });
      let fx = 0;
      let fy = 0;
      if (tile.image[0] === plain[10]) fx = 1;
      if (tile.image[0] === plain[10 * 11]) fy = 1;
      if (tile.image[0] === plain[120]) [fx, fy] = [1, 1];
      for (let y = 0; y < 11; y++) {
        for (let x = 0; x < 11; x++) {
          const sx = fx ? 10 - x : x;
          const sy = fy ? 10 - y : y;
          expect(tile.image[y * 11 + x]).toBe(plain[sy * 11 + sx]);
        }
      }
      variants.add(`${fx}${fy}`);
    }
    expect(variants.size).toBe(4);
  });

  it('rotates rigidly about the centre pixel, and the elastic warp stays within a few sigma', () => {
    // Channels hold the source x and y: bilinear sampling of a linear ramp returns the source
    // coordinate itself, so the tile reveals where each pixel came from.
    const size = 200;
    const image = new Float32Array(size * size * 2);
    for (let i = 0; i < size * size; i++) {
      image[i * 2] = i % size;
      image[i * 2 + 1] = Math.floor(i / size);
    }
    const source: TrainingImage = {
      width: size,
      height: size,
      channels: 2,
      image,
      labels: new Uint8Array(size * size).fill(1),
      weights: new Float32Array(size * size).fill(1),
      labelledIndex: Int32Array.of(100 * size + 100),
    };
    const inputSize = 61;
    const anchor = 30;
    const angles = new Set<number>();
    for (let seed = 0; seed < 5; seed++) {
      const tile = sampleTrainingTile(source, inputSize, 41, new Rng(seed), { rotate: true });
      expect(tile.image[(anchor * inputSize + anchor) * 2]).toBe(100);
      expect(tile.image[(anchor * inputSize + anchor) * 2 + 1]).toBe(100);
      const ux = tile.image[(anchor * inputSize + anchor + 10) * 2]! - 100;
      const uy = tile.image[(anchor * inputSize + anchor + 10) * 2 + 1]! - 100;
      const angle = Math.atan2(uy, ux);
      angles.add(Math.round(angle * 100));
      for (let py = 0; py < inputSize; py++) {
        for (let px = 0; px < inputSize; px++) {
          const rx = px - anchor;
          const ry = py - anchor;
          const sx = tile.image[(py * inputSize + px) * 2]! - 100;
          const sy = tile.image[(py * inputSize + px) * 2 + 1]! - 100;
          expect(sx).toBeCloseTo(Math.cos(angle) * rx - Math.sin(angle) * ry, 3);
          expect(sy).toBeCloseTo(Math.sin(angle) * rx + Math.cos(angle) * ry, 3);
        }
      }
    }
    expect(angles.size).toBe(5);

    const warped = sampleTrainingTile(source, inputSize, 41, new Rng(1), {
      elastic: { grid: 3, sigma: 10 },
    });
    let largest = 0;
    let moved = 0;
    for (let py = 0; py < inputSize; py++) {
      for (let px = 0; px < inputSize; px++) {
        const ex = warped.image[(py * inputSize + px) * 2]! - (100 + px - anchor);
        const ey = warped.image[(py * inputSize + px) * 2 + 1]! - (100 + py - anchor);
        largest = Math.max(largest, Math.hypot(ex, ey));
        if (Math.hypot(ex, ey) > 0.5) moved++;
      }
    }
    expect(moved).toBeGreaterThan(inputSize * inputSize * 0.5);
    expect(largest).toBeLessThan(60); // 9 nodes of N(0, 10^2) per axis, Catmull-Rom overshoots little
  });

  it('varies gray values monotonically on the image only', () => {
    const source = { ...makeSource(30, 30, 1, 10), labelledIndex: Int32Array.of(15 * 30 + 15) };
    const plain = crop(source, 15, 15, 20, 12);
    const gray = { brightness: 0.2, contrast: 0.5, gamma: 0.5 };
    const tile = sampleTrainingTile(source, 20, 12, new Rng(4), { gray });
    expect(Array.from(tile.labels)).toEqual(Array.from(plain.labels));
    expect(Array.from(tile.weights)).toEqual(Array.from(plain.weights));
    expect(Array.from(tile.image)).not.toEqual(Array.from(plain.image));
    const order = Array.from(plain.image.keys()).sort((a, b) => plain.image[a]! - plain.image[b]!);
    for (let k = 1; k < order.length; k++) {
      expect(tile.image[order[k]!]!).toBeGreaterThanOrEqual(tile.image[order[k - 1]!]!);
    }
  });

  it('rejects an image without labels and impossible sizes', () => {
    const source = makeSource(10, 10, 1, 11);
    const empty = { ...source, labels: new Uint8Array(100) };
    expect(() => sampleTrainingTile(empty, 9, 5, new Rng(1), {})).toThrow(/no labelled pixels/);
    expect(() => sampleTrainingTile(source, 9, 6, new Rng(1), {})).toThrow(RangeError);
    expect(() => sampleTrainingTile(source, 5, 9, new Rng(1), {})).toThrow(RangeError);
    expect(() =>
      sampleTrainingTile({ ...source, weights: new Float32Array(3) }, 9, 5, new Rng(1), {}),
    ).toThrow(RangeError);
  });
});
