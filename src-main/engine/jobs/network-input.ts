// An image page as the network takes it, with the checks both prediction jobs make first: the
// model was trained on a fixed number of channels, and it normalises exactly as training did.
import type { ModelMetadata } from '../checkpoint/model-metadata';
import {
  normaliseForNetwork,
  rawNetworkImage,
  type NetworkImage,
  type RawNetworkImage,
} from '../predict/normalise';
import { pageView, type Raster } from '../../imaging/raster';

/** Why this image cannot go through this model, in plain words, or undefined when it can. */
export function channelMismatch(channels: number, metadata: ModelMetadata): string | undefined {
  const wanted = metadata.network.inputChannels;
  if (channels === wanted) return undefined;
  const plural = (n: number) => `${n} channel${n === 1 ? '' : 's'}`;
  return `it has ${plural(channels)} but the model was trained on images with ${plural(wanted)}`;
}

/** The page's pixels normalised for the network; throws a plain Error on a channel mismatch. */
export function networkInput(raster: Raster, page: number, metadata: ModelMetadata): NetworkImage {
  const mismatch = channelMismatch(raster.channels, metadata);
  if (mismatch) throw new Error(mismatch);
  return normaliseForNetwork(
    pageView(raster, page),
    raster.width,
    raster.height,
    raster.channels,
    metadata.normalisation,
  );
}

/** The same, normalised only as tiles are cut (large pages: no Float32 copy of the page). */
export function rawNetworkInput(
  raster: Raster,
  page: number,
  metadata: ModelMetadata,
): RawNetworkImage {
  const mismatch = channelMismatch(raster.channels, metadata);
  if (mismatch) throw new Error(mismatch);
  return rawNetworkImage(
    pageView(raster, page),
    raster.width,
    raster.height,
    raster.channels,
    metadata.normalisation,
  );
}
