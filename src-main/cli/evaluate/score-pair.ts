// The scores of one prediction against its ground truth, per the --labels-are mode.
import {
  foregroundIoU,
  objectMatching,
  pixelError,
  randError,
  segmentsFromForeground,
} from '../../engine/metrics';
import type { LabelImage, LabelsAre } from './read-label-image';

export interface ImageScores {
  name: string;
  pixelError: number;
  foregroundIoU: number;
  randError: number;
  /** instances mode only. */
  objectF1?: number;
}

/**
 * binary: the Rand error compares 4-connected components of each foreground (the ISBI 2012
 * convention, membranes separate cells). instances: it compares the objects as numbered, so
 * touching nuclei count as separate segments; object F1 uses IoU >= 0.5 matching.
 */
export function scorePair(
  name: string,
  pred: LabelImage,
  truth: LabelImage,
  labelsAre: LabelsAre,
): ImageScores {
  const scores: ImageScores = {
    name,
    pixelError: pixelError(pred.foreground, truth.foreground),
    foregroundIoU: foregroundIoU(pred.foreground, truth.foreground),
    randError: 0,
  };
  if (labelsAre === 'binary') {
    const predSegments = segmentsFromForeground(pred.foreground, pred.width, pred.height);
    const truthSegments = segmentsFromForeground(truth.foreground, truth.width, truth.height);
    scores.randError = randError(predSegments, truthSegments).randError;
    return scores;
  }
  const predObjects = pred.instances!;
  const truthObjects = truth.instances!;
  scores.randError = randError(predObjects, truthObjects).randError;
  scores.objectF1 = objectMatching(predObjects, truthObjects).f1;
  return scores;
}
