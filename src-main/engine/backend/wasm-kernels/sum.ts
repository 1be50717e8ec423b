// Sum for the wasm backend: a fast path for "sum over every axis but the last", the bias gradient
// of each convolution (NHWC -> C). The stock kernel first transposes the channels to the front,
// which costs more than the sum itself on a 568x568x16 tile. Every other case goes to the stock one.
import { Sum, util } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, SumAttrs, TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, floatOffset, heapF32 } from './wasm-internals';

function reducesAllButLast(x: TensorInfo, attrs: SumAttrs): boolean {
  if (x.dtype !== 'float32' || x.shape.length < 2) return false;
  const axes = util.parseAxisParam(attrs.axis, x.shape);
  const leading = x.shape.length - 1;
  if (axes.length !== leading) return false;
  return [...axes].sort((a, b) => a - b).every((axis, i) => axis === i);
}

export function makeSum(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const attrs = args.attrs as unknown as SumAttrs;
    if (!reducesAllButLast(x, attrs)) return stock(args);
    const backend = asWasmBackend(args.backend);
    const channels = x.shape[x.shape.length - 1]!;
    const pixels = util.sizeFromShape(x.shape) / Math.max(1, channels);
    const outShape = attrs.keepDims
      ? x.shape.map((d, i) => (i < x.shape.length - 1 ? 1 : d))
      : [channels];
    // Float64 accumulators, like the cpu backend's JS numbers.
    const acc = new Float64Array(channels);
    const out = backend.makeOutput(outShape, 'float32');
    const heap = heapF32(backend);
    let at = floatOffset(backend, x);
    for (let p = 0; p < pixels; p++) {
      for (let k = 0; k < channels; k++) acc[k] = acc[k]! + heap[at++]!;
    }
    heap.set(acc, floatOffset(backend, out));
    return out;
  };
}

export function sumConfig(stock: KernelFunc): KernelConfig {
  return { kernelName: Sum, backendName: 'wasm', kernelFunc: makeSum(stock) };
}
