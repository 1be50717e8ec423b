// Overlap-tile prediction (paper Fig. 2): the output is predicted tile by tile; each output
// tile gets its full input context, mirrored where it falls outside the image. Tiles start on
// multiples of 2^depth so every max-pool sees the same grid as a single pass over the whole
// image would: the result does not depend on the tiling.
import { modelInputSize } from '../network/build-unet';
import { outputSize, poolAlignment } from '../network/tile-geometry';
import type { UNetConfig } from '../network/unet-config';
import type { LayersModel, Tensor, Tf } from '../tf-types';
import { DIHEDRAL_COUNT, dihedral, inverseDihedral } from './dihedral';
import { reflectIndex } from '../augment/reflect';
import type { NetworkImage } from './normalise';

export interface TilePlan {
  inputSize: number;
  outputSize: number;
  /** Distance between tile origins: the output size rounded down to the pool alignment. */
  stride: number;
  /** Context on each side: (input - output) / 2. */
  context: number;
  origins: { x: number; y: number }[];
}

export function planTiles(
  width: number,
  height: number,
  inputSize: number,
  config: UNetConfig,
): TilePlan {
  const out = outputSize(inputSize, config);
  if (out === undefined) throw new Error(`${inputSize} px is not a valid tile size.`);
  const align = poolAlignment(config);
  const stride = config.padding === 'valid' ? Math.floor(out / align) * align : out;
  if (stride <= 0)
    throw new Error(`Tiles of ${inputSize} px are too small for a depth-${config.depth} U-Net.`);
  const starts = (length: number) => {
    const list: number[] = [];
    for (let s = 0; s < length; s += stride) list.push(s);
    return list;
  };
  const origins = starts(height).flatMap((y) => starts(width).map((x) => ({ x, y })));
  return { inputSize, outputSize: out, stride, context: (inputSize - out) / 2, origins };
}

/** The input tile whose output starts at (x0, y0), mirrored at the image borders. */
export function extractInputTile(
  image: NetworkImage,
  x0: number,
  y0: number,
  plan: TilePlan,
): Float32Array {
  const { inputSize, context } = plan;
  const { width, height, channels, data } = image;
  const tile = new Float32Array(inputSize * inputSize * channels);
  const columns = new Int32Array(inputSize);
  for (let ix = 0; ix < inputSize; ix++) columns[ix] = reflectIndex(x0 - context + ix, width);
  for (let iy = 0; iy < inputSize; iy++) {
    const row = reflectIndex(y0 - context + iy, height) * width;
    const base = iy * inputSize * channels;
    for (let ix = 0; ix < inputSize; ix++) {
      const source = (row + columns[ix]!) * channels;
      for (let c = 0; c < channels; c++) tile[base + ix * channels + c] = data[source + c]!;
    }
  }
  return tile;
}

export interface PredictOptions {
  /** Average over the 8 rotations and flips of each tile. */
  testTimeAugmentation?: boolean;
  signal?: AbortSignal;
  onTile?: (done: number, total: number) => void;
}

/**
 * Runs the network on one tile. `run` takes an NHWC input tile of inputSize^2 * C values and
 * resolves to the NHWC class probabilities of its output window (outputSize^2 * K values).
 * tfjs and ONNX Runtime each have one; the tile loop below is shared.
 */
export interface TileRunner {
  inputSize: number;
  run(tile: Float32Array, testTimeAugmentation: boolean): Promise<Float32Array>;
}

/** A tfjs model built for one tile size (see resizeUNet). */
export function tfjsTileRunner(tf: Tf, model: LayersModel): TileRunner {
  const inputSize = modelInputSize(model);
  const channels = model.inputs[0]!.shape[3] as number;
  return {
    inputSize,
    async run(tile, testTimeAugmentation) {
      const passes = testTimeAugmentation ? DIHEDRAL_COUNT : 1;
      const probabilities = tf.tidy(() => {
        const input = tf.tensor4d(tile, [1, inputSize, inputSize, channels]);
        let sum: Tensor | undefined;
        for (let k = 0; k < passes; k++) {
          const logits = model.predict(dihedral(tf, input, k)) as Tensor;
          const p = inverseDihedral(tf, tf.softmax(logits, -1), k);
          sum = sum ? tf.add(sum, p) : p;
        }
        return passes > 1 ? tf.div(sum!, passes) : sum!;
      });
      const values = (await probabilities.data()) as Float32Array;
      probabilities.dispose();
      return values;
    },
  };
}

/** Class probabilities for every pixel: a Float32Array of height * width * K. */
export async function predictProbabilities(
  tf: Tf,
  model: LayersModel,
  config: UNetConfig,
  image: NetworkImage,
  options: PredictOptions = {},
): Promise<Float32Array> {
  return predictWithTileRunner(tfjsTileRunner(tf, model), config, image, options);
}

/** `predictProbabilities` with any tile runner (tfjs or ONNX Runtime). */
export async function predictWithTileRunner(
  runner: TileRunner,
  config: UNetConfig,
  image: NetworkImage,
  options: PredictOptions = {},
): Promise<Float32Array> {
  const plan = planTiles(image.width, image.height, runner.inputSize, config);
  const classes = config.numClasses;
  const result = new Float32Array(image.width * image.height * classes);

  for (const [index, { x, y }] of plan.origins.entries()) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
    const tile = extractInputTile(image, x, y, plan);
    const values = await runner.run(tile, options.testTimeAugmentation ?? false);
    if (values.length !== plan.outputSize ** 2 * classes)
      throw new Error(`The network gave ${values.length} values for a ${plan.outputSize} px tile.`);
    copyTileOutput(values, result, x, y, plan, image.width, image.height, classes);
    options.onTile?.(index + 1, plan.origins.length);
    // Let cancel and other messages through between tiles.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}

function copyTileOutput(
  tile: Float32Array,
  result: Float32Array,
  x0: number,
  y0: number,
  plan: TilePlan,
  width: number,
  height: number,
  classes: number,
): void {
  const rows = Math.min(plan.outputSize, height - y0);
  const cols = Math.min(plan.outputSize, width - x0);
  for (let ty = 0; ty < rows; ty++) {
    const from = ty * plan.outputSize * classes;
    const to = ((y0 + ty) * width + x0) * classes;
    result.set(tile.subarray(from, from + cols * classes), to);
  }
}
