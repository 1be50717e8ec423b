// The evaluation metrics: plain functions on typed arrays, no tfjs, no I/O.
export { pixelError } from './pixel-error';
export { confusionCounts, foregroundIoU, perClassIoU } from './iou';
export { randError, segmentsFromForeground, type RandScores } from './rand-error';
export { objectMatching, type ObjectScores } from './object-matching';
export type { LabelMap } from './label-map';
