// Network input normalisation: each image's 0.5th..99.5th percentile window mapped to 0..1,
// so 8-bit and 16-bit acquisitions of the same specimen look alike to the network. The window
// percentiles are part of the model's config: prediction normalises exactly as training did.
import { percentileWindow } from './percentiles';

export interface Normalisation {
  kind: 'percentile';
  low: number;
  high: number;
}

export const DEFAULT_NORMALISATION: Normalisation = { kind: 'percentile', low: 0.5, high: 99.5 };

export interface NetworkImage {
  width: number;
  height: number;
  channels: number;
  /** Normalised values, channels interleaved. */
  data: Float32Array;
}

export function normaliseForNetwork(
  values: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  normalisation: Normalisation = DEFAULT_NORMALISATION,
): NetworkImage {
  const data = new Float32Array(width * height * channels);
  for (let c = 0; c < channels; c++) {
    const { low, high } = percentileWindow(
      values,
      channels,
      c,
      normalisation.low,
      normalisation.high,
    );
    const scale = 1 / Math.max(high - low, 1e-6);
    for (let i = c; i < data.length; i += channels) {
      const v = (values[i]! - low) * scale;
      data[i] = v < 0 ? 0 : v > 1 ? 1 : Number.isFinite(v) ? v : 0;
    }
  }
  return { width, height, channels, data };
}
