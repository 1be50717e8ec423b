// Conv2D and FusedConv2D for the wasm backend: 3x3 stride-1 convolutions with many channels go
// through Winograd (`winograd-conv.ts`), everything else to the stock XNNPACK kernels. The input
// gradient of a convolution is itself a Conv2D (`conv2d-backprop-input.ts`), so it takes the
// same path; FusedConv2D is what tfjs-layers runs to predict.
import { backend_util, Conv2D, FusedConv2D } from '@tensorflow/tfjs';
import type {
  Conv2DAttrs,
  FusedConv2DAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs';
import { simdGlue, type SimdGlue } from './simd-glue';
import { suitsWinograd, winogradConv2d } from './winograd-conv';
import {
  allocate,
  asWasmBackend,
  disposeAll,
  floatOffset,
  heapF32,
  type WasmBackend,
} from './wasm-internals';

type ConvInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

/** x with the convolution's zero padding written out: [N, OH + 2, OW + 2, C]. */
function paddedInput(
  backend: WasmBackend,
  glue: SimdGlue,
  x: TensorInfo,
  info: ConvInfo,
): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c } = info;
  const height = info.outHeight + 2;
  const width = info.outWidth + 2;
  const out = allocate(backend, [n, height, width, c]);
  const at = floatOffset(backend, out);
  const heap = heapF32(backend);
  const { top, left } = info.padInfo;
  // Rows and columns of x past the padded frame (a bottom/right padding below 0) are not read.
  const rows = Math.min(h, height - top);
  const columns = Math.min(w, width - left);
  const row = width * c;
  for (let b = 0; b < n; b++) {
    const image = at + b * height * row;
    // Zeros only where x does not land: the frame's top and bottom rows, then each row's ends.
    heap.fill(0, image, image + top * row);
    heap.fill(0, image + (top + rows) * row, image + height * row);
    for (let y = top; y < top + rows; y++) {
      heap.fill(0, image + y * row, image + y * row + left * c);
      heap.fill(0, image + y * row + (left + columns) * c, image + (y + 1) * row);
    }
    glue.copyRuns(
      floatOffset(backend, x) + b * h * w * c,
      w * c,
      image + top * row + left * c,
      row,
      columns * c,
      rows,
    );
  }
  return out;
}

/** Winograd for `x` and `filter` where it pays and applies, else null (the caller's stock). */
function tryWinograd(
  backend: WasmBackend,
  x: TensorInfo,
  filter: TensorInfo,
  attrs: Conv2DAttrs,
): { glue: SimdGlue; y: TensorInfo } | null {
  if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32') return null;
  const glue = simdGlue(backend);
  if (glue == null) return null;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  if (!suitsWinograd(info)) return null;
  const p = info.padInfo;
  if (p.top === 0 && p.bottom === 0 && p.left === 0 && p.right === 0) {
    return { glue, y: winogradConv2d(backend, glue, x, filter, info) };
  }
  if (p.top < 0 || p.left < 0) return null;
  const padded = paddedInput(backend, glue, x, info);
  try {
    return { glue, y: winogradConv2d(backend, glue, padded, filter, info) };
  } finally {
    disposeAll(backend, padded);
  }
}

export function makeConv2d(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as Conv2DAttrs;
    const done = tryWinograd(asWasmBackend(args.backend), x, filter, attrs);
    return done?.y ?? stock(args);
  };
}

/**
 * FusedConv2D (what tfjs-layers runs to predict: validation during training, the wasm prediction
 * path): Winograd plus the bias and ReLU in one pass where it applies; other activations, PReLU
 * weights and every other geometry go to the stock kernel.
 */
export function makeFusedConv2d(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as {
      x: TensorInfo;
      filter: TensorInfo;
      bias?: TensorInfo;
      preluActivationWeights?: TensorInfo;
    };
    const attrs = args.attrs as unknown as FusedConv2DAttrs;
    const activation = attrs.activation ?? 'linear';
    if (activation !== 'linear' && activation !== 'relu') return stock(args);
    if (preluActivationWeights != null) return stock(args);
    const outChannels = filter.shape[3]!;
    if (bias != null && (bias.shape.length !== 1 || bias.shape[0] !== outChannels)) {
      return stock(args);
    }
    const backend = asWasmBackend(args.backend);
    const done = tryWinograd(backend, x, filter, attrs);
    if (done == null) return stock(args);
    const { glue, y } = done;
    const pixels = y.shape.slice(0, 3).reduce((a, b) => a * b, 1);
    glue.biasActivation(
      floatOffset(backend, y),
      bias == null ? null : floatOffset(backend, bias),
      pixels,
      outChannels,
      activation === 'relu',
    );
    return y;
  };
}

export function conv2dConfig(stock: KernelFunc): KernelConfig {
  return { kernelName: Conv2D, backendName: 'wasm', kernelFunc: makeConv2d(stock) };
}

export function fusedConv2dConfig(stock: KernelFunc): KernelConfig {
  return { kernelName: FusedConv2D, backendName: 'wasm', kernelFunc: makeFusedConv2d(stock) };
}
