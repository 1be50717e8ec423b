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
import { normalisedValue, type NetworkImage, type RawNetworkImage } from './normalise';

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

/** Either a normalised page or a raw one normalised tile by tile (large images). */
export type PredictionInput = NetworkImage | RawNetworkImage;

/** The input tile whose output starts at (x0, y0), mirrored at the image borders. */
export function extractInputTile(
  image: PredictionInput,
  x0: number,
  y0: number,
  plan: TilePlan,
): Float32Array {
  const { inputSize, context } = plan;
  const { width, height, channels } = image;
  const tile = new Float32Array(inputSize * inputSize * channels);
  const columns = new Int32Array(inputSize);
  for (let ix = 0; ix < inputSize; ix++) columns[ix] = reflectIndex(x0 - context + ix, width);
  const raw = 'raw' in image ? image : undefined;
  const data = 'data' in image ? image.data : undefined;
  for (let iy = 0; iy < inputSize; iy++) {
    const row = reflectIndex(y0 - context + iy, height) * width;
    const base = iy * inputSize * channels;
    for (let ix = 0; ix < inputSize; ix++) {
      const source = (row + columns[ix]!) * channels;
      const target = base + ix * channels;
      if (data) {
        for (let c = 0; c < channels; c++) tile[target + c] = data[source + c]!;
      } else {
        for (let c = 0; c < channels; c++)
          tile[target + c] = normalisedValue(raw!.raw[source + c]!, raw!.windows[c]!);
      }
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

/**
 * Where each tile's output goes: (x0, y0) is its place in the image, `rows x cols` the part
 * inside the image, `values` the NHWC probabilities of the whole output tile (outputSize wide).
 * Later tiles may overwrite the overlap of earlier ones with the same values.
 */
export type TileOutputSink = (
  values: Float32Array,
  x0: number,
  y0: number,
  rows: number,
  cols: number,
  outputSize: number,
) => void;

/** The shared tile loop: every output tile, in order, handed to `sink`. */
export async function predictTiles(
  runner: TileRunner,
  config: UNetConfig,
  image: PredictionInput,
  sink: TileOutputSink,
  options: PredictOptions = {},
): Promise<void> {
  const plan = planTiles(image.width, image.height, runner.inputSize, config);
  const classes = config.numClasses;
  for (const [index, { x, y }] of plan.origins.entries()) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
    const tile = extractInputTile(image, x, y, plan);
    const values = await runner.run(tile, options.testTimeAugmentation ?? false);
    if (values.length !== plan.outputSize ** 2 * classes)
      throw new Error(`The network gave ${values.length} values for a ${plan.outputSize} px tile.`);
    const rows = Math.min(plan.outputSize, image.height - y);
    const cols = Math.min(plan.outputSize, image.width - x);
    sink(values, x, y, rows, cols, plan.outputSize);
    options.onTile?.(index + 1, plan.origins.length);
    // Let cancel and other messages through between tiles.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** `predictProbabilities` with any tile runner (tfjs or ONNX Runtime): all K planes kept. */
export async function predictWithTileRunner(
  runner: TileRunner,
  config: UNetConfig,
  image: PredictionInput,
  options: PredictOptions = {},
): Promise<Float32Array> {
  const classes = config.numClasses;
  const { width } = image;
  const result = new Float32Array(image.width * image.height * classes);
  await predictTiles(
    runner,
    config,
    image,
    (values, x0, y0, rows, cols, outputSize) => {
      for (let ty = 0; ty < rows; ty++) {
        const from = ty * outputSize * classes;
        result.set(
          values.subarray(from, from + cols * classes),
          ((y0 + ty) * width + x0) * classes,
        );
      }
    },
    options,
  );
  return result;
}
