// Validation on labelled images (held out, or the painted pixels of the training pages): the loss
// and the paper's pixel metrics, computed on overlap-tile predictions of whole images (as a
// person would see them), over the labelled pixels only: unlabelled pixels say nothing.
import { foregroundIoU, pixelError } from '../metrics';
import type { LabelledImage } from '../data/training-set';
import { predictProbabilities } from '../predict/overlap-tile';
import type { UNetConfig } from '../network/unet-config';
import type { LayersModel, Tf } from '../tf-types';
import type { ValidationMetrics } from './training-settings';

const BACKGROUND_CLASS = 1;

/**
 * `model` predicts every image, or is chosen per image (a tile size that suits its size: the
 * predictions, and so the metrics, do not depend on it).
 */
export async function validate(
  tf: Tf,
  model: LayersModel | ((item: LabelledImage) => LayersModel),
  config: UNetConfig,
  images: LabelledImage[],
  signal?: AbortSignal,
): Promise<ValidationMetrics> {
  let lossSum = 0;
  let labelled = 0;
  let errorSum = 0;
  let iouSum = 0;
  for (const item of images) {
    const classes = config.numClasses;
    const probabilities = await predictProbabilities(
      tf,
      typeof model === 'function' ? model(item) : model,
      config,
      item.image,
      signal ? { signal } : {},
    );
    // Only labelled pixels count: validation images may be partially painted.
    const predicted = new Uint8Array(item.labels.length);
    const truth = new Uint8Array(item.labels.length);
    let n = 0;
    for (let i = 0; i < item.labels.length; i++) {
      const label = item.labels[i]!;
      if (label === 0) continue;
      let best = 0;
      for (let k = 1; k < classes; k++)
        if (probabilities[i * classes + k]! > probabilities[i * classes + best]!) best = k;
      predicted[n] = best + 1 !== BACKGROUND_CLASS ? 1 : 0;
      truth[n++] = label !== BACKGROUND_CLASS ? 1 : 0;
      const p = Math.max(probabilities[i * classes + label - 1]!, 1e-7);
      lossSum += -Math.log(p) * item.weights[i]!;
      labelled++;
    }
    errorSum += pixelError(predicted.subarray(0, n), truth.subarray(0, n));
    iouSum += foregroundIoU(predicted.subarray(0, n), truth.subarray(0, n));
  }
  const n = Math.max(images.length, 1);
  return {
    loss: lossSum / Math.max(labelled, 1),
    pixelError: errorSum / n,
    foregroundIoU: iouSum / n,
  };
}
