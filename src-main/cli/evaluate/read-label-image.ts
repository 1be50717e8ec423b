// Reads a mask or an instance label file into the arrays the metrics take, refusing (with a
// reason a person can act on) files that are not single label images.
import { basename } from 'node:path';
import { ImageReadError, readImageFile, toSingleChannelIfGray } from '../../imaging';

export type LabelsAre = 'binary' | 'instances';

export interface LabelImage {
  width: number;
  height: number;
  /** binary: 1 = foreground (any non-zero value in the file), 0 = background. */
  foreground: Uint8Array;
  /** instances only: 0 = background, other values = object ids as stored in the file. */
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
  for (let i = 0; i < data.length; i++) {
    const id = data[i]!;
    if (id < 0 || id > 0x7fffffff) refuse(`it holds the label ${id}; object ids must be 0 or more`);
    instances[i] = id;
  }
  return { width, height, foreground, instances };
}
