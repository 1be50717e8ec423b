// Conv2D for the wasm backend: 3x3 stride-1 convolutions with many channels go through Winograd
// (`winograd-conv.ts`), everything else to the stock XNNPACK kernel. The input gradient of a
// convolution is itself a Conv2D (`conv2d-backprop-input.ts`), so it takes the same path.
import { backend_util, Conv2D } from '@tensorflow/tfjs';
import type { Conv2DAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
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

export function makeConv2d(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as Conv2DAttrs;
    if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32') return stock(args);
    const backend = asWasmBackend(args.backend);
    const glue = simdGlue(backend);
    if (glue == null) return stock(args);
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      attrs.strides,
      attrs.dilations,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    if (!suitsWinograd(info)) return stock(args);
    const p = info.padInfo;
    if (p.top === 0 && p.bottom === 0 && p.left === 0 && p.right === 0) {
      return winogradConv2d(backend, glue, x, filter, info);
    }
    if (p.top < 0 || p.left < 0) return stock(args);
    const padded = paddedInput(backend, glue, x, info);
    try {
      return winogradConv2d(backend, glue, padded, filter, info);
    } finally {
      disposeAll(backend, padded);
    }
  };
}

export function conv2dConfig(stock: KernelFunc): KernelConfig {
  return { kernelName: Conv2D, backendName: 'wasm', kernelFunc: makeConv2d(stock) };
}
