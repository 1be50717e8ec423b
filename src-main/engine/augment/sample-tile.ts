// One training tile (Sec. 3: one large tile per step): an output window centred on a labelled
// pixel, the input context around it mirrored at the image borders (Fig. 2), and one random
// transform applied to all three of image, labels and weights.
import { cubicWeights } from './bicubic';
import { applyGrayTransform } from './gray';
import { labelledPixelIndex } from './labelled-index';
import { reflectIndex } from './reflect';
import type { Rng } from './rng';
import { drawTileTransform, type AugmentOptions } from './tile-transform';

export type { AugmentOptions };

export interface TrainingImage {
  width: number;
  height: number;
  channels: number;
  /** Normalised values, channels interleaved: (y * width + x) * channels + c. */
  image: Float32Array;
  /** 0 = unlabelled, k = class k. */
  labels: Uint8Array;
  /** Loss weight per pixel (computeWeightMap): 0 where unlabelled. */
  weights: Float32Array;
  /** labelledPixelIndex(labels), precomputed once; computed on every call when absent. */
  labelledIndex?: Int32Array;
}

export interface TrainingTile {
  /** inputSize^2 * channels values. */
  image: Float32Array;
  /** outputSize^2 labels. */
  labels: Uint8Array;
  /** outputSize^2 weights. */
  weights: Float32Array;
}

const taps = new Float64Array(8);
const rows = new Int32Array(4);
const columns = new Int32Array(4);

/**
 * Bicubic (Catmull-Rom) sampling, mirrored outside the image. Bicubic rather than bilinear:
 * bilinear sampling at fractional offsets blurs one-pixel structures (EM membranes), so the
 * network would learn from softer images than it is shown at prediction. Exact at whole pixels.
 */
function sampleBicubic(
  source: TrainingImage,
  sx: number,
  sy: number,
  out: Float32Array,
  at: number,
): void {
  const { width, height, channels, image } = source;
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  cubicWeights(sx - x0, taps, 0);
  cubicWeights(sy - y0, taps, 4);
  for (let i = 0; i < 4; i++) {
    columns[i] = reflectIndex(x0 - 1 + i, width) * channels;
    rows[i] = reflectIndex(y0 - 1 + i, height) * width * channels;
  }
  for (let k = 0; k < channels; k++) {
    let value = 0;
    for (let j = 0; j < 4; j++) {
      const wy = taps[4 + j]!;
      if (wy === 0) continue;
      const row = rows[j]! + k;
      let line = 0;
      for (let i = 0; i < 4; i++) line += image[row + columns[i]!]! * taps[i]!;
      value += line * wy;
    }
    out[at + k] = value;
  }
}

/**
 * The tile's centre: the chosen labelled pixel, moved (by at most half the output) so the output
 * window lies inside the image where the image is large enough. A window hanging over the edge
 * would waste the part outside, which carries no labels.
 */
function windowCentre(chosen: number, length: number, outputSize: number): number {
  if (length < outputSize) return chosen;
  const low = Math.floor(outputSize / 2);
  const high = length - Math.ceil(outputSize / 2);
  return Math.min(Math.max(chosen, low), high);
}

function validate(source: TrainingImage, inputSize: number, outputSize: number): void {
  const { width, height, channels } = source;
  const n = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  if (!Number.isInteger(channels) || channels < 1)
    throw new RangeError(`channels must be >= 1, got ${channels}`);
  if (source.image.length !== n * channels) {
    throw new RangeError(`image has ${source.image.length} values, expected ${n * channels}`);
  }
  if (source.labels.length !== n)
    throw new RangeError(`labels have ${source.labels.length} pixels, expected ${n}`);
  if (source.weights.length !== n)
    throw new RangeError(`weights have ${source.weights.length} pixels, expected ${n}`);
  if (
    !Number.isInteger(inputSize) ||
    !Number.isInteger(outputSize) ||
    outputSize < 1 ||
    inputSize < outputSize
  ) {
    throw new RangeError(
      `need integer sizes with 1 <= outputSize <= inputSize, got ${inputSize} -> ${outputSize}`,
    );
  }
  if ((inputSize - outputSize) % 2 !== 0) {
    throw new RangeError(
      `inputSize - outputSize must be even (a centred crop), got ${inputSize} - ${outputSize}`,
    );
  }
}

/**
 * Source coordinate of input-tile pixel p: centre + R(angle) F (p - anchor) + shift + elastic(p),
 * where the anchor is pixel floor(inputSize / 2), which is also output pixel floor(outputSize / 2),
 * so with no augmentation the tile's centre pixel is the chosen labelled pixel.
 *
 * The image is sampled bicubically (exact at whole pixels), mirrored outside. Labels
 * and weights are sampled at the nearest pixel, so no label value is invented between classes and
 * an unlabelled pixel keeps weight 0. An output pixel whose source lies outside the image gets
 * label 0 and weight 0: mirroring is fine as context for the input, but a mirrored label would
 * claim annotation that nobody made.
 */
export function sampleTrainingTile(
  source: TrainingImage,
  inputSize: number,
  outputSize: number,
  rng: Rng,
  options: AugmentOptions,
): TrainingTile {
  validate(source, inputSize, outputSize);
  const { width, height, channels, labels, weights } = source;
  const index = source.labelledIndex ?? labelledPixelIndex(labels);
  if (index.length === 0)
    throw new RangeError('the image has no labelled pixels to centre a tile on');
  const centre = index[rng.int(index.length)]!;
  const chosenX = centre % width;
  const cx = windowCentre(chosenX, width, outputSize);
  const cy = windowCentre((centre - chosenX) / width, height, outputSize);
  const t = drawTileTransform(rng, inputSize, options);

  const tile: TrainingTile = {
    image: new Float32Array(inputSize * inputSize * channels),
    labels: new Uint8Array(outputSize * outputSize),
    weights: new Float32Array(outputSize * outputSize),
  };
  const anchor = Math.floor(inputSize / 2);
  const margin = (inputSize - outputSize) / 2;
  const { dx, dy } = t;
  for (let py = 0; py < inputSize; py++) {
    const ry = py - anchor;
    const oy = py - margin;
    const inOutputRows = oy >= 0 && oy < outputSize;
    for (let px = 0; px < inputSize; px++) {
      const rx = px - anchor;
      const p = py * inputSize + px;
      let sx = cx + t.m00 * rx + t.m01 * ry + t.shiftX;
      let sy = cy + t.m10 * rx + t.m11 * ry + t.shiftY;
      if (dx && dy) {
        sx += dx[p]!;
        sy += dy[p]!;
      }
      sampleBicubic(source, sx, sy, tile.image, p * channels);

      const ox = px - margin;
      if (!inOutputRows || ox < 0 || ox >= outputSize) continue;
      const nx = Math.floor(sx + 0.5);
      const ny = Math.floor(sy + 0.5);
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue; // stays 0 / 0
      const s = ny * width + nx;
      const o = oy * outputSize + ox;
      const label = labels[s]!;
      tile.labels[o] = label;
      tile.weights[o] = label === 0 ? 0 : weights[s]!; // holds even if a caller's map is not 0 there
    }
  }
  if (t.gray) applyGrayTransform(tile.image, t.gray);
  return tile;
}
