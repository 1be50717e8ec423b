// Gray-value variation (Sec. 3.1 names it without numbers). Applied to the image only, in units of
// the tile's own value range: the image may be normalised to [0, 1], to zero mean and unit
// variance, or anything else, and "10% brighter" should mean the same in every case. Gamma needs
// values in [0, 1], so the tile is mapped to [0, 1] by its min and max, varied, and mapped back.
import type { Rng } from './rng';

export interface GrayOptions {
  /** Largest brightness shift, as a fraction of the tile's value range: shift in [-b, b]. */
  brightness: number;
  /** Contrast factor in [1/(1+c), 1+c] (log-uniform), applied around the tile's mean. */
  contrast: number;
  /** Gamma in [1/(1+g), 1+g] (log-uniform). */
  gamma: number;
}

export interface GrayTransform {
  shift: number;
  factor: number;
  gamma: number;
}

function assertAmount(name: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value))
    throw new RangeError(`gray ${name} must be finite and >= 0, got ${value}`);
}

/** Draw order: brightness, contrast, gamma (one uniform each). */
export function drawGrayTransform(rng: Rng, options: GrayOptions): GrayTransform {
  assertAmount('brightness', options.brightness);
  assertAmount('contrast', options.contrast);
  assertAmount('gamma', options.gamma);
  const shift = rng.uniform(-options.brightness, options.brightness);
  const factor = Math.pow(1 + options.contrast, rng.uniform(-1, 1));
  const gamma = Math.pow(1 + options.gamma, rng.uniform(-1, 1));
  return { shift, factor, gamma };
}

/**
 * In place: u = ((v - min) / range)^gamma, u = mean + factor * (u - mean) + shift, v = min + range * u.
 * Every step is increasing, so the order of gray values is kept. A flat tile is left alone.
 */
export function applyGrayTransform(image: Float32Array, transform: GrayTransform): void {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < image.length; i++) {
    const v = image[i]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const range = high - low;
  if (!(range > 0) || !Number.isFinite(range)) return;
  let sum = 0;
  for (let i = 0; i < image.length; i++) {
    const u = Math.pow((image[i]! - low) / range, transform.gamma);
    image[i] = u;
    sum += u;
  }
  const mean = sum / image.length;
  for (let i = 0; i < image.length; i++) {
    const u = mean + transform.factor * (image[i]! - mean) + transform.shift;
    image[i] = low + range * u;
  }
}
