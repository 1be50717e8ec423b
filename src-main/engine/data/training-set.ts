// A training (or validation) set read from image/label pairs: normalised images, labels, and the
// paper's weight maps, computed once per image before any augmentation.
import { ImageReadError } from '../../imaging/errors';
import { AppError } from '../../ipc/app-error';
import { basename } from 'node:path';
import type { LabelKind } from '../checkpoint/model-metadata';
import { normaliseForNetwork, type NetworkImage, type Normalisation } from '../predict/normalise';
import { computeWeightMap, separateTouchingInstances, type SeparationGap } from '../weights';
import { convertLabels } from './label-conversion';
import { PageReader } from './page-reader';
import type { FilePair } from './pair-files';

export interface LabelledImage {
  name: string;
  image: NetworkImage;
  /** 0 = unlabelled, k = class k. */
  labels: Uint8Array;
  /** The paper's w(x); 0 where unlabelled. */
  weights: Float32Array;
  /** Object sizes in pixels (instances only), to learn the post-processing default. */
  objectSizes: number[];
}

export interface WeightSettings {
  w0: number;
  sigma: number;
  /**
   * Add the border term between instances (by default only for instance labels: the connected
   * components of a mask, above all a partially painted one, need not be separate objects).
   */
  borderWeights: boolean;
  /** Background line between touching instances, in pixels (instance labels only). */
  separationGap: SeparationGap;
}

interface ConvertedImage {
  name: string;
  image: NetworkImage;
  labels: Uint8Array;
  instances?: Int32Array;
  objectSizes: number[];
  numClasses: number;
}

async function readAndConvert(
  pair: FilePair,
  kind: LabelKind,
  normalisation: Normalisation,
  reader: PageReader,
  numClasses: number,
  separationGap: SeparationGap,
): Promise<ConvertedImage> {
  const raster = await reader.page(pair.image, pair.page ?? 0, pair.contentHash);
  const labelRaster = await reader.page(pair.label, 0);
  if (labelRaster.width !== raster.width || labelRaster.height !== raster.height) {
    throw new Error(
      `${basename(pair.label)} is ${labelRaster.width} x ${labelRaster.height} but its image is ${raster.width} x ${raster.height}.`,
    );
  }
  const { width, height } = raster;
  const converted = convertLabels(labelRaster, kind, numClasses);
  let instances = converted.instances;
  const objectSizes: number[] = [];
  if (instances) {
    const sizes = new Map<number, number>();
    for (const id of instances) if (id > 0) sizes.set(id, (sizes.get(id) ?? 0) + 1);
    objectSizes.push(...sizes.values());
    // The paper's "separating background": touching objects get a background border.
    const separated = separateTouchingInstances(instances, width, height, separationGap);
    instances = separated.instances;
    for (let i = 0; i < instances.length; i++) if (separated.border[i]) converted.labels[i] = 1;
  }
  return {
    name: pair.name,
    image: normaliseForNetwork(raster.data, width, height, raster.channels, normalisation),
    labels: converted.labels,
    instances,
    objectSizes,
    numClasses: converted.numClasses,
  };
}

export interface LabelledSet {
  images: LabelledImage[];
  numClasses: number;
}

/**
 * Reads every pair, then computes the weight maps with the class count of the whole set (a
 * class may be missing from some files). A pair that cannot be read stops the load with its
 * file named: training on silently fewer images would mislead. For 'painted' labels
 * `minimumClasses` is the project's class count, the largest value a label map may hold.
 */
export async function loadLabelledSet(
  pairs: FilePair[],
  kind: LabelKind,
  normalisation: Normalisation,
  weightSettings: WeightSettings,
  minimumClasses = 2,
): Promise<LabelledSet> {
  const converted: ConvertedImage[] = [];
  // Pages of one stack follow each other: the reader decodes such a file once for all of them.
  const reader = new PageReader();
  for (const pair of pairs) {
    try {
      converted.push(
        await readAndConvert(
          pair,
          kind,
          normalisation,
          reader,
          minimumClasses,
          weightSettings.separationGap,
        ),
      );
    } catch (error) {
      // Image errors already name their file; others get the pair's name in front.
      if (error instanceof ImageReadError || error instanceof AppError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${pair.name}: ${reason}`, { cause: error });
    }
  }
  const numClasses = Math.max(minimumClasses, ...converted.map((c) => c.numClasses));
  const images = converted.map((c) => ({
    name: c.name,
    image: c.image,
    labels: c.labels,
    objectSizes: c.objectSizes,
    weights: computeWeightMap(
      c.labels,
      c.image.width,
      c.image.height,
      // Instance labels give the instances; a mask's are its connected components.
      kind === 'instances' ? c.instances : undefined,
      {
        numClasses,
        w0: weightSettings.borderWeights ? weightSettings.w0 : 0,
        sigma: weightSettings.sigma,
      },
    ),
  }));
  return { images, numClasses };
}
