// The U-Net of the paper (Fig. 1) with the tfjs layers API, so checkpoints are the standard
// TF.js layers format. Layer names are stable: the ONNX exporter maps them one by one.
import type { LayersModel, SymbolicTensor, Tf } from '../tf-types';
import { isValidInput, skipCrops } from './tile-geometry';
import type { UNetConfig } from './unet-config';

export function levelFilters(config: UNetConfig, level: number): number {
  return config.filters * 2 ** level;
}

/**
 * Builds the network for one input tile size. tfjs's Cropping2D cannot infer shapes from
 * unknown sizes, so the size is fixed here; the weights do not depend on it, and
 * `resizeUNet` makes the same network for another tile size.
 */
export function buildUNet(tf: Tf, config: UNetConfig, inputSize: number, seed = 0): LayersModel {
  if (config.numClasses < 2) throw new Error('A U-Net needs at least two classes.');
  if (!isValidInput(inputSize, config)) {
    throw new Error(
      `${inputSize} px is not a valid tile size for a depth-${config.depth} ${config.padding} U-Net.`,
    );
  }
  let nextSeed = seed;
  // The paper's initialisation: a Gaussian with std sqrt(2 / N), N = k * k * C_in. Not tfjs's
  // heNormal, which truncates the Gaussian without widening it (std 12% too small per layer).
  const heNormal = (fanIn: number) =>
    tf.initializers.randomNormal({ mean: 0, stddev: Math.sqrt(2 / fanIn), seed: nextSeed++ });
  const conv = (x: SymbolicTensor, filters: number, name: string): SymbolicTensor =>
    tf.layers
      .conv2d({
        filters,
        kernelSize: 3,
        padding: config.padding,
        activation: 'relu',
        kernelInitializer: heNormal(3 * 3 * (x.shape[3] as number)),
        biasInitializer: 'zeros',
        name,
      })
      .apply(x) as SymbolicTensor;

  const input = tf.input({ shape: [inputSize, inputSize, config.inputChannels], name: 'image' });
  const skips: SymbolicTensor[] = [];
  let x: SymbolicTensor = input;
  for (let level = 0; level < config.depth; level++) {
    const filters = levelFilters(config, level);
    x = conv(conv(x, filters, `enc${level}_conv1`), filters, `enc${level}_conv2`);
    skips.push(x);
    x = tf.layers
      .maxPooling2d({ poolSize: 2, strides: 2, name: `enc${level}_pool` })
      .apply(x) as SymbolicTensor;
  }
  const bottom = levelFilters(config, config.depth);
  x = conv(conv(x, bottom, 'bottom_conv1'), bottom, 'bottom_conv2');
  if (config.dropout > 0) {
    x = tf.layers
      .dropout({ rate: config.dropout, seed: nextSeed++, name: 'bottom_dropout' })
      .apply(x) as SymbolicTensor;
  }

  const crops = skipCrops(config);
  for (let level = config.depth - 1; level >= 0; level--) {
    const filters = levelFilters(config, level);
    x = tf.layers
      .conv2dTranspose({
        filters,
        kernelSize: 2,
        strides: 2,
        padding: 'valid',
        // Each output pixel of a 2x2 stride-2 up-convolution sees one input pixel: N = C_in.
        kernelInitializer: heNormal(x.shape[3] as number),
        biasInitializer: 'zeros',
        name: `up${level}`,
      })
      .apply(x) as SymbolicTensor;
    let skip = skips[level]!;
    const crop = crops[level]!;
    if (crop > 0) {
      skip = tf.layers
        .cropping2D({
          cropping: [
            [crop, crop],
            [crop, crop],
          ],
          name: `crop${level}`,
        })
        .apply(skip) as SymbolicTensor;
    }
    x = tf.layers
      .concatenate({ axis: -1, name: `concat${level}` })
      .apply([skip, x]) as SymbolicTensor;
    x = conv(conv(x, filters, `dec${level}_conv1`), filters, `dec${level}_conv2`);
  }
  // Class scores; the softmax lives in the loss and in prediction.
  const logits = tf.layers
    .conv2d({
      filters: config.numClasses,
      kernelSize: 1,
      kernelInitializer: heNormal(x.shape[3] as number),
      biasInitializer: 'zeros',
      name: 'head',
    })
    .apply(x) as SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: 'unet' });
}

export function countConvLayers(model: LayersModel): number {
  return model.layers.filter((layer) =>
    ['Conv2D', 'Conv2DTranspose'].includes(layer.getClassName()),
  ).length;
}

/** The same network (same weights, copied) for another input tile size. */
export function resizeUNet(
  tf: Tf,
  model: LayersModel,
  config: UNetConfig,
  inputSize: number,
): LayersModel {
  const resized = buildUNet(tf, config, inputSize);
  resized.setWeights(model.getWeights());
  return resized;
}

export function modelInputSize(model: LayersModel): number {
  const shape = model.inputs[0]!.shape;
  return shape[1] as number;
}
