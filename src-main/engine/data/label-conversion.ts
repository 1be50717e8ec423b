// Label files as people make them, turned into the engine's training labels:
// 0 = unlabelled (ignored), k = 1..K = class k.
import type { Raster } from '../../imaging/raster';
import type { LabelKind } from '../checkpoint/model-metadata';

export interface TrainingLabels {
  labels: Uint8Array;
  /** Object ids (0 = none) where the labels hold instances; used for the border weights. */
  instances?: Int32Array;
  numClasses: number;
}

/** Binary and instance data have two classes: background (1) and foreground (2). */
export const BINARY_CLASS_NAMES = ['Background', 'Foreground'];

export function firstChannel(raster: Raster): Float64Array {
  const { width, height, channels, data } = raster;
  const out = new Float64Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels]!;
  return out;
}

/**
 * `numClasses` matters only for 'painted' labels: the project's largest class index, the
 * largest value a painted map may hold.
 */
export function convertLabels(raster: Raster, kind: LabelKind, numClasses = 2): TrainingLabels {
  const values = firstChannel(raster);
  const labels = new Uint8Array(values.length);
  switch (kind) {
    case 'painted': {
      // The studio's label maps: 0 = unpainted (ignored), k = project class k, kept as they are.
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!Number.isInteger(v) || v < 0 || v > numClasses) {
          throw new Error(
            `holds the value ${v}, which is not one of the project's class indices (1 to ${numClasses}).`,
          );
        }
        labels[i] = v;
      }
      return { labels, numClasses: Math.max(2, numClasses) };
    }
    case 'binary':
      // 0 = background; any other value = foreground. Every pixel is labelled.
      for (let i = 0; i < values.length; i++) labels[i] = values[i]! > 0 ? 2 : 1;
      return { labels, numClasses: 2 };
    case 'instances': {
      const instances = new Int32Array(values.length);
      for (let i = 0; i < values.length; i++) {
        instances[i] = values[i]!;
        labels[i] = values[i]! > 0 ? 2 : 1;
      }
      return { labels, instances, numClasses: 2 };
    }
    case 'classes': {
      // Class indices 0..K-1 in the file; every pixel is labelled.
      let max = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!Number.isInteger(v) || v < 0 || v > 254) {
          throw new Error(`holds the value ${v}, which is not a class index (0 to 254).`);
        }
        labels[i] = v + 1;
        if (v > max) max = v;
      }
      return { labels, numClasses: Math.max(2, max + 1) };
    }
  }
}
