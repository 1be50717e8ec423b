// The mask `segment` writes for one image, predicted tile by tile into only what that mask needs:
// a class map (1 byte per pixel) for classes and instances, one or K probability planes for
// probabilities. No whole-image map of every class's probability is held, so a 16k x 16k image
// needs its page, 268 MB of classes and the TIFF being written, not 2 GB of probabilities more.
import type { MaskImage } from '../../imaging/tiff-write';
import type { ModelMetadata } from '../checkpoint/model-metadata';
import { instancesFromForeground } from '../postprocess';
import { argmaxSink, classPlaneSink } from '../predict/class-maps';
import {
  predictTiles,
  type PredictionInput,
  type PredictOptions,
  type TileOutputSink,
  type TileRunner,
} from '../predict/overlap-tile';
import type { SegmentOutput } from './job-types';

/** Two classes from binary or instance labels: written as 0/255, or the foreground probability. */
export function isBinary(metadata: ModelMetadata): boolean {
  return metadata.network.numClasses === 2 && metadata.labelKind !== 'classes';
}

export async function predictMask(
  runner: TileRunner,
  image: PredictionInput,
  metadata: ModelMetadata,
  write: SegmentOutput,
  minObjectSize: number,
  options: PredictOptions = {},
): Promise<MaskImage> {
  const config = metadata.network;
  const { width, height } = image;
  const pixels = width * height;
  const classes = config.numClasses;
  const run = (sink: TileOutputSink) => predictTiles(runner, config, image, sink, options);

  if (write === 'probabilities') {
    if (isBinary(metadata)) {
      const plane = new Float32Array(pixels);
      await run(classPlaneSink(plane, width, classes, 1));
      return { width, height, data: plane };
    }
    // One page per class: the planes are what is written, so they are the only copy.
    const data = new Float32Array(pixels * classes);
    const sinks = Array.from({ length: classes }, (_, k) =>
      classPlaneSink(data.subarray(k * pixels, (k + 1) * pixels), width, classes, k),
    );
    await run((...args) => {
      for (const sink of sinks) sink(...args);
    });
    return { width, height, data, pages: classes };
  }

  const labels = new Uint8Array(pixels);
  await run(argmaxSink(labels, width, classes));
  if (write === 'instances') {
    // In place: the class map becomes the foreground mask it is read as.
    for (let i = 0; i < pixels; i++) labels[i] = labels[i] === 0 ? 0 : 1;
    const { instances } = instancesFromForeground(labels, width, height, {
      minSize: minObjectSize,
      fillHoles: true,
    });
    return { width, height, data: Uint16Array.from(instances) };
  }
  if (isBinary(metadata)) {
    for (let i = 0; i < pixels; i++) labels[i] = labels[i] === 1 ? 255 : 0;
  }
  return { width, height, data: labels };
}
