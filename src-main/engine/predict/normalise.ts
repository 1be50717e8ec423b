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

/** Each channel's window: value v becomes clamp((v - low) * scale, 0, 1), non-finite 0. */
export interface ChannelWindow {
  low: number;
  scale: number;
}

export function channelWindows(
  values: ArrayLike<number>,
  channels: number,
  normalisation: Normalisation = DEFAULT_NORMALISATION,
): ChannelWindow[] {
  return Array.from({ length: channels }, (_, c) => {
    const { low, high } = percentileWindow(
      values,
      channels,
      c,
      normalisation.low,
      normalisation.high,
    );
    return { low, scale: 1 / Math.max(high - low, 1e-6) };
  });
}

export function normalisedValue(v: number, window: ChannelWindow): number {
  const n = (v - window.low) * window.scale;
  return n < 0 ? 0 : n > 1 ? 1 : Number.isFinite(n) ? n : 0;
}

/**
 * A page as the network sees it, normalised only as tiles are cut from it: for prediction of
 * large images, where a normalised Float32 copy would be twice the size of a 16-bit page.
 */
export interface RawNetworkImage {
  width: number;
  height: number;
  channels: number;
  /** The page's own samples, channels interleaved. */
  raw: ArrayLike<number>;
  windows: ChannelWindow[];
}

export function rawNetworkImage(
  values: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  normalisation: Normalisation = DEFAULT_NORMALISATION,
): RawNetworkImage {
  return {
    width,
    height,
    channels,
    raw: values,
    windows: channelWindows(values, channels, normalisation),
  };
}

export function normaliseForNetwork(
  values: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  normalisation: Normalisation = DEFAULT_NORMALISATION,
): NetworkImage {
  const data = new Float32Array(width * height * channels);
  const windows = channelWindows(values, channels, normalisation);
  for (let c = 0; c < channels; c++) {
    const window = windows[c]!;
    for (let i = c; i < data.length; i += channels) data[i] = normalisedValue(values[i]!, window);
  }
  return { width, height, channels, data };
}
