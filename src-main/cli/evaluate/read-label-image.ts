// Reads a mask or an instance label file into the arrays the metrics take, refusing (with a
// reason a person can act on) files that are not single label images.
import { basename } from 'node:path';
import { labelComponents } from '../../engine/morphology/connected-components';
import { ImageReadError, readImageFile, toSingleChannelIfGray } from '../../imaging';

export type LabelsAre = 'binary' | 'instances';

export interface LabelImage {
  width: number;
  height: number;
  /** binary: 1 = foreground (any non-zero value in the file), 0 = background. */
  foreground: Uint8Array;
  /**
   * instances only: 0 = background, other values = object ids as stored in the file; for a file
   * holding one value (a mask), its connected components numbered 1..N.
   */
  instances?: Int32Array;
}

export async function readLabelImage(path: string, labelsAre: LabelsAre): Promise<LabelImage> {
  const fileName = basename(path);
  const raster = toSingleChannelIfGray((await readImageFile(path)).raster);
  const refuse = (reason: string): never => {
    throw new ImageReadError(fileName, reason);
  };
  if (raster.pages !== 1) refuse(`it has ${raster.pages} pages; expected a single label image`);
  if (raster.channels !== 1) {
    refuse(`it has ${raster.channels} colour channels that differ; expected a gray label image`);
  }
  const { width, height, data } = raster;
  const foreground = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) foreground[i] = data[i] !== 0 ? 1 : 0;
  if (labelsAre === 'binary') return { width, height, foreground };

  if (raster.sampleFormat === 'float') {
    refuse('it holds floating-point values; instance labels must be whole numbers');
  }
  const instances = new Int32Array(data.length);
  const ids = new Set<number>();
  for (let i = 0; i < data.length; i++) {
    const id = data[i]!;
    if (id < 0 || id > 0x7fffffff) refuse(`it holds the label ${id}; object ids must be 0 or more`);
    instances[i] = id;
    if (id !== 0 && ids.size < 2) ids.add(id);
  }
  // A mask (one value, e.g. 0/255 from `segment --write classes`) holds no object ids: its
  // connected components (8-connected, as segment's instances) are the objects. Read as ids it
  // would be a single object and score an object F1 near 0.
  if (ids.size === 1)
    return {
      width,
      height,
      foreground,
      instances: labelComponents(foreground, width, height, 8).labels,
    };
  return { width, height, foreground, instances };
}
