// From a predicted foreground mask to numbered objects, ready to save as a 16-bit label file.
import { labelComponents } from '../morphology/connected-components';
import { fillHoles } from './fill-holes';
import { removeSmallObjectsCounted, type Instances } from './remove-small-objects';

/** The most objects a 16-bit label file can number. */
export const MAX_INSTANCES = 65535;

export interface InstanceOptions {
  /** Objects with fewer pixels are dropped (see learnMinObjectSize for a default). */
  minSize: number;
  fillHoles: boolean;
}

/**
 * Objects = 8-connected components of the foreground (non-zero), after optional hole filling,
 * with objects smaller than `minSize` removed. 8-connectivity keeps a thin diagonal bridge of a
 * cell in one piece; the dual 4-connected background is what fillHoles uses. Touching objects
 * merge here: separating them is the job of the border-weighted training, not of this step.
 * Refuses, with a plain reason, a result that would not fit a 16-bit label file.
 */
export function instancesFromForeground(
  mask: Uint8Array,
  width: number,
  height: number,
  options: InstanceOptions,
): Instances {
  if (mask.length !== width * height) {
    throw new RangeError(`mask has ${mask.length} pixels, expected ${width} x ${height}`);
  }
  const solid = options.fillHoles ? fillHoles(mask, width, height) : mask;
  const { labels } = labelComponents(solid, width, height, 8);
  const result = removeSmallObjectsCounted(labels, width, height, options.minSize);
  if (result.count > MAX_INSTANCES) {
    throw new RangeError(
      `the prediction has ${result.count} separate objects, more than a 16-bit label image can ` +
        `number (${MAX_INSTANCES}); raise the minimum object size or split the image into tiles`,
    );
  }
  return result;
}
