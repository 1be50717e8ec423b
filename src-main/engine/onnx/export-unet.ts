// The trained U-Net as an ONNX graph, layer by layer from the stable names of build-unet.ts.
// The graph is NCHW (ONNX's layout) and its height and width are symbolic: a valid U-Net crops
// its skips by amounts that do not depend on the input size (skipCrops), so one file serves
// every valid tile size. Dropout is left out (it is the identity at inference) and the softmax
// that the tfjs model leaves to the loss is part of the graph.
import type { LayersModel } from '../tf-types';
import { levelFilters } from '../network/build-unet';
import { poolAlignment, skipCrops, smallestValidInput, tileMargin } from '../network/tile-geometry';
import type { UNetConfig } from '../network/unet-config';
import {
  encodeModel,
  type AttributeValue,
  type OnnxInitializer,
  type OnnxNode,
} from './onnx-proto';

export const ONNX_INPUT = 'image';
export const ONNX_OUTPUT = 'probabilities';
export const ONNX_PRODUCER = 'unet-studio';

/** Max-pool window and stride, up-convolution kernel and stride. */
const TWO_BY_TWO: AttributeValue = { kind: 'ints', value: [2, 2] };

export interface OnnxExportInfo {
  classNames?: string[];
  /** Further metadata_props entries. */
  properties?: Record<string, string>;
}

/** tfjs kernels are [kh, kw, a, b]; ONNX wants [b, a, kh, kw] for Conv and ConvTranspose alike. */
function kernelToOnnx(data: Float32Array, shape: [number, number, number, number]): Float32Array {
  const [kh, kw, a, b] = shape;
  const out = new Float32Array(data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < a; i++)
        for (let o = 0; o < b; o++)
          out[((o * a + i) * kh + y) * kw + x] = data[((y * kw + x) * a + i) * b + o]!;
  return out;
}

/** Builds the node list; every method returns the name of the value it produced. */
class UNetGraph {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];

  constructor(
    private readonly model: LayersModel,
    private readonly config: UNetConfig,
  ) {}

  /** 3x3 (or the 1x1 head) convolution with its bias, and a Relu where the layer has one. */
  conv(layerName: string, input: string, expectedFilters: number): string {
    const settings = this.model.getLayer(layerName).getConfig() as {
      padding?: string;
      activation?: string;
    };
    const { kernel, bias, shape } = this.kernelAndBias(layerName);
    const [size, , inChannels, filters] = shape;
    if (filters !== expectedFilters || (size !== 1 && settings.padding !== this.config.padding))
      throw new Error(`Layer ${layerName} does not match the network's configuration.`);
    const pad = settings.padding === 'same' ? (size - 1) / 2 : 0;
    this.float(`${layerName}.weight`, [filters, inChannels, size, size], kernel);
    this.float(`${layerName}.bias`, [filters], bias);
    const relu = settings.activation === 'relu';
    if (!relu && settings.activation !== 'linear')
      throw new Error(`Layer ${layerName} has an activation the exporter does not know.`);
    const convOutput = relu ? `${layerName}_linear` : layerName;
    this.nodes.push({
      opType: 'Conv',
      name: layerName,
      inputs: [input, `${layerName}.weight`, `${layerName}.bias`],
      outputs: [convOutput],
      attributes: {
        kernel_shape: { kind: 'ints', value: [size, size] },
        pads: { kind: 'ints', value: [pad, pad, pad, pad] },
        strides: { kind: 'ints', value: [1, 1] },
      },
    });
    if (relu)
      this.nodes.push({
        opType: 'Relu',
        name: `${layerName}_relu`,
        inputs: [convOutput],
        outputs: [layerName],
      });
    return layerName;
  }

  maxPool(layerName: string, input: string): string {
    this.nodes.push({
      opType: 'MaxPool',
      name: layerName,
      inputs: [input],
      outputs: [layerName],
      attributes: { kernel_shape: TWO_BY_TWO, strides: TWO_BY_TWO },
    });
    return layerName;
  }

  /** The 2x2 stride-2 up-convolution. Each input pixel writes its own 2x2 block. */
  upConv(layerName: string, input: string, expectedFilters: number): string {
    // conv2dTranspose kernels are [kh, kw, out, in]; ONNX ConvTranspose wants [in, out, kh, kw].
    const { kernel, bias, shape } = this.kernelAndBias(layerName);
    const [size, , filters, inChannels] = shape;
    if (filters !== expectedFilters || size !== 2)
      throw new Error(`Layer ${layerName} does not match the network's configuration.`);
    this.float(`${layerName}.weight`, [inChannels, filters, 2, 2], kernel);
    this.float(`${layerName}.bias`, [filters], bias);
    this.nodes.push({
      opType: 'ConvTranspose',
      name: layerName,
      inputs: [input, `${layerName}.weight`, `${layerName}.bias`],
      outputs: [layerName],
      attributes: { kernel_shape: TWO_BY_TWO, strides: TWO_BY_TWO },
    });
    return layerName;
  }

  /**
   * The centre crop of a skip: Slice from `crop` to `-crop` on height and width. The amount is
   * the same for every input size (skipCrops), which keeps the graph's size symbolic.
   */
  crop(layerName: string, input: string, crop: number): string {
    const { cropping } = this.model.getLayer(layerName).getConfig() as { cropping?: unknown };
    if (
      JSON.stringify(cropping) !==
      JSON.stringify([
        [crop, crop],
        [crop, crop],
      ])
    )
      throw new Error(`Layer ${layerName} does not crop ${crop} px as the configuration says.`);
    const bounds = (suffix: string, values: number[]) => {
      this.initializers.push({
        name: `${layerName}.${suffix}`,
        dims: [2],
        type: 'int64',
        data: values,
      });
      return `${layerName}.${suffix}`;
    };
    this.nodes.push({
      opType: 'Slice',
      name: layerName,
      inputs: [
        input,
        bounds('starts', [crop, crop]),
        bounds('ends', [-crop, -crop]),
        bounds('axes', [2, 3]),
      ],
      outputs: [layerName],
    });
    return layerName;
  }

  concat(layerName: string, inputs: string[]): string {
    this.nodes.push({
      opType: 'Concat',
      name: layerName,
      inputs,
      outputs: [layerName],
      attributes: { axis: { kind: 'int', value: 1 } },
    });
    return layerName;
  }

  softmax(input: string, output: string): string {
    this.nodes.push({
      opType: 'Softmax',
      name: 'softmax',
      inputs: [input],
      outputs: [output],
      attributes: { axis: { kind: 'int', value: 1 } },
    });
    return output;
  }

  /**
   * A square kernel in ONNX order and its bias, copied out of the layer's own variables (read,
   * never disposed: the model owns them; dataSync may hand out the backend's own buffer).
   */
  private kernelAndBias(layerName: string): {
    kernel: Float32Array;
    bias: Float32Array;
    shape: [number, number, number, number];
  } {
    const weights = this.model.getLayer(layerName).getWeights();
    const [kernel, bias] = weights;
    if (weights.length !== 2 || !kernel || !bias || kernel.rank !== 4)
      throw new Error(`Layer ${layerName} is not a convolution with a bias.`);
    const shape = kernel.shape as [number, number, number, number];
    if (shape[0] !== shape[1])
      throw new Error(`Layer ${layerName} has a kernel that is not square.`);
    return {
      kernel: kernelToOnnx(kernel.dataSync() as Float32Array, shape),
      bias: Float32Array.from(bias.dataSync()),
      shape,
    };
  }

  private float(name: string, dims: number[], data: Float32Array): void {
    this.initializers.push({ name, dims, type: 'float', data });
  }
}

/** The bytes of a .onnx file computing softmax probabilities, NCHW, for any valid input size. */
export function exportUNetToOnnx(
  model: LayersModel,
  config: UNetConfig,
  info: OnnxExportInfo = {},
): Uint8Array {
  const graph = new UNetGraph(model, config);
  const skips: string[] = [];
  let x = ONNX_INPUT;
  for (let level = 0; level < config.depth; level++) {
    const filters = levelFilters(config, level);
    x = graph.conv(`enc${level}_conv1`, x, filters);
    x = graph.conv(`enc${level}_conv2`, x, filters);
    skips.push(x);
    x = graph.maxPool(`enc${level}_pool`, x);
  }
  const bottom = levelFilters(config, config.depth);
  x = graph.conv('bottom_conv1', x, bottom);
  x = graph.conv('bottom_conv2', x, bottom);
  const crops = skipCrops(config);
  for (let level = config.depth - 1; level >= 0; level--) {
    const filters = levelFilters(config, level);
    const up = graph.upConv(`up${level}`, x, filters);
    const crop = crops[level]!;
    const skip = crop > 0 ? graph.crop(`crop${level}`, skips[level]!, crop) : skips[level]!;
    // Same order as the tfjs model, [skip, up]: the decoder's kernels expect it.
    x = graph.concat(`concat${level}`, [skip, up]);
    x = graph.conv(`dec${level}_conv1`, x, filters);
    x = graph.conv(`dec${level}_conv2`, x, filters);
  }
  graph.softmax(graph.conv('head', x, config.numClasses), ONNX_OUTPUT);

  const margin = tileMargin(config);
  return encodeModel({
    producerName: ONNX_PRODUCER,
    docString:
      `U-Net (Ronneberger et al. 2015), ${config.padding} convolutions, depth ${config.depth}. ` +
      `Input NCHW, normalised as in studio.json; height and width must be valid tile sizes ` +
      `(${smallestValidInput(config)} px and steps of ${poolAlignment(config)} px); the output is ` +
      `${margin} px smaller and holds softmax probabilities.`,
    graph: {
      name: 'unet',
      nodes: graph.nodes,
      initializers: graph.initializers,
      inputs: [{ name: ONNX_INPUT, dims: ['N', config.inputChannels, 'height', 'width'] }],
      outputs: [{ name: ONNX_OUTPUT, dims: ['N', config.numClasses, 'out_height', 'out_width'] }],
    },
    metadata: {
      'unet_studio.network': JSON.stringify(config),
      'unet_studio.margin': String(margin),
      'unet_studio.smallest_input': String(smallestValidInput(config)),
      'unet_studio.input_step': String(poolAlignment(config)),
      ...(info.classNames ? { 'unet_studio.class_names': JSON.stringify(info.classNames) } : {}),
      ...info.properties,
    },
  });
}
