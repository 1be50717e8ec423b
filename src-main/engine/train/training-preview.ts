// The live preview while training: every few steps the current weights predict one image page,
// so the person sees the segmentation improve (and can stop once it looks right).
//
// Cost: a prediction is a forward pass per tile, a third of a training step's work per tile. A
// page larger than PREVIEW_MAX_SIDE is predicted only in a centred window of that size (nine
// 572 px tiles of the cpu preset), on the cheapest tile size for it, and a preview is skipped
// while previews would take more than a quarter of the wall time, so a slow machine previews
// less often instead of training slower.
import { resizeUNet } from '../network/build-unet';
import type { UNetConfig } from '../network/unet-config';
import { argmaxClasses } from '../predict/class-maps';
import { PageReader } from '../data/page-reader';
import {
  DEFAULT_NORMALISATION,
  normaliseForNetwork,
  type NetworkImage,
} from '../predict/normalise';
import { predictProbabilities } from '../predict/overlap-tile';
import type { LayersModel, Tf } from '../tf-types';
import { cheapestPredictionTile } from './prediction-tile';
import type { TrainingSettings } from './training-settings';

export const PREVIEW_MAX_SIDE = 1024;
/** Previews may take at most this share of the time between them. */
const PREVIEW_TIME_SHARE = 0.25;

export interface PreviewWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The centred window of at most maxSide x maxSide pixels that a preview covers. */
export function previewWindow(
  width: number,
  height: number,
  maxSide = PREVIEW_MAX_SIDE,
): PreviewWindow {
  const w = Math.min(width, maxSide);
  const h = Math.min(height, maxSide);
  return { x: Math.floor((width - w) / 2), y: Math.floor((height - h) / 2), width: w, height: h };
}

/** The window of a (whole, normalised) page. */
export function cropNetworkImage(image: NetworkImage, window: PreviewWindow): NetworkImage {
  if (window.width === image.width && window.height === image.height) return image;
  const { channels } = image;
  const data = new Float32Array(window.width * window.height * channels);
  const rowLength = window.width * channels;
  for (let y = 0; y < window.height; y++) {
    const from = ((window.y + y) * image.width + window.x) * channels;
    data.set(image.data.subarray(from, from + rowLength), y * rowLength);
  }
  return { width: window.width, height: window.height, channels, data };
}

/** The page to preview: a file, its page, and the steps between previews. */
export interface PreviewSource {
  image: string;
  page: number;
  every: number;
}

/**
 * The preview of `source` for a network trained with `settings`, or undefined (with the reason
 * in the log) when the page cannot be previewed: a preview is a convenience, never a reason for
 * the training to fail.
 */
export async function openTrainingPreview(
  tf: Tf,
  source: PreviewSource,
  settings: Pick<TrainingSettings, 'network' | 'predictionTile'>,
): Promise<TrainingPreview | undefined> {
  let raster;
  try {
    raster = await new PageReader().page(source.image, source.page);
  } catch (error) {
    console.warn(`No training preview: ${error instanceof Error ? error.message : error}`);
    return undefined;
  }
  if (raster.channels !== settings.network.inputChannels) {
    console.warn(
      `No training preview: the preview image has ${raster.channels} channel(s), the network ${settings.network.inputChannels}.`,
    );
    return undefined;
  }
  // The whole page is normalised, as a prediction of the page would be, then cut to its window.
  const { width, height, channels } = raster;
  const page = normaliseForNetwork(raster.data, width, height, channels, DEFAULT_NORMALISATION);
  const window = previewWindow(width, height);
  return new TrainingPreview(
    tf,
    settings.network,
    settings.predictionTile,
    cropNetworkImage(page, window),
    window,
    source.every,
  );
}

export class TrainingPreview {
  /** The network at the preview's tile size; refreshed with the training weights each time. */
  private predictor: LayersModel | undefined;
  private lastEnd = 0;
  private lastSeconds = 0;

  constructor(
    private readonly tf: Tf,
    private readonly config: UNetConfig,
    /** Largest prediction tile to use (the training settings' predictionTile). */
    private readonly maxTile: number,
    /** The preview window of the normalised page. */
    readonly image: NetworkImage,
    /** Where that window lies in the page. */
    readonly window: PreviewWindow,
    private readonly every: number,
  ) {}

  /** Whether step `step` should preview: on the schedule, and within the time share. */
  due(step: number, now = performance.now()): boolean {
    if (step % this.every !== 0) return false;
    if (this.lastEnd === 0) return true;
    return (
      this.lastSeconds * 1000 <= PREVIEW_TIME_SHARE * (now - this.lastEnd + this.lastSeconds * 1000)
    );
  }

  /** Project class index per pixel of the window (network class c -> c + 1). */
  async predict(model: LayersModel, signal?: AbortSignal): Promise<Uint8Array> {
    const started = performance.now();
    if (!this.predictor) {
      const { width, height } = this.image;
      const tile = cheapestPredictionTile(this.config, width, height, this.maxTile);
      this.predictor = resizeUNet(this.tf, model, this.config, tile);
    } else {
      // Same shapes: the variables take the current values without new tensors being made.
      this.predictor.setWeights(model.getWeights());
    }
    const probabilities = await predictProbabilities(
      this.tf,
      this.predictor,
      this.config,
      this.image,
      signal ? { signal } : {},
    );
    const pixels = this.image.width * this.image.height;
    const classes = argmaxClasses(probabilities, pixels, this.config.numClasses);
    for (let i = 0; i < pixels; i++) classes[i] = classes[i]! + 1;
    this.lastEnd = performance.now();
    this.lastSeconds = (this.lastEnd - started) / 1000;
    return classes;
  }

  dispose(): void {
    this.predictor?.dispose();
    this.predictor = undefined;
  }
}
