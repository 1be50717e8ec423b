// Sum for the wasm backend: a fast path for "sum over every axis but the last", the bias gradient
// of each convolution and up-convolution (NHWC -> C). The stock kernel first transposes the
// channels to the front (19 ms on a 568x568x16 tile; 5 ms here in JavaScript, 2 ms with the SIMD
// glue). Every other case goes to the stock one.
import { Sum, util } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, SumAttrs, TensorInfo } from '@tensorflow/tfjs';
import { simdGlue, type SimdGlue } from './simd-glue';
import {
  allocate,
  asWasmBackend,
  floatOffset,
  heapF32,
  withTemporaries,
  type WasmBackend,
} from './wasm-internals';

/**
 * Every axis but the last is summed over or has size 1: the bias gradient of a convolution
 * (axes [0, 1, 2]) or of a [1, 1, 1, C] bias (axes [1, 2] of a batch of one).
 */
function reducesAllButLast(x: TensorInfo, attrs: SumAttrs): boolean {
  if (x.dtype !== 'float32' || x.shape.length < 2) return false;
  const axes = util.parseAxisParam(attrs.axis, x.shape);
  const last = x.shape.length - 1;
  if (axes.includes(last)) return false;
  return x.shape.every((size, axis) => axis === last || size === 1 || axes.includes(axis));
}

/**
 * Per-channel sums of `pixels` vectors of `channels` floats. Eight pixels are added before each
 * accumulator update: 3x faster than one update per value, since the eight pixels share cache
 * lines. Float64 accumulators, like the cpu backend's JS numbers.
 */
export function sumPixels(
  heap: Float32Array,
  at: number,
  pixels: number,
  channels: number,
): Float64Array {
  const acc = new Float64Array(channels);
  const c = channels;
  const blocked = pixels - (pixels % 8);
  let p = 0;
  for (; p < blocked; p += 8, at += 8 * c) {
    for (let k = 0; k < c; k++) {
      const i = at + k;
      const block =
        heap[i]! +
        heap[i + c]! +
        heap[i + 2 * c]! +
        heap[i + 3 * c]! +
        heap[i + 4 * c]! +
        heap[i + 5 * c]! +
        heap[i + 6 * c]! +
        heap[i + 7 * c]!;
      acc[k] = acc[k]! + block;
    }
  }
  for (; p < pixels; p++) {
    for (let k = 0; k < c; k++) acc[k] = acc[k]! + heap[at++]!;
  }
  return acc;
}

/** `sumPixels` in SIMD (eight pixels summed in float32 per float64 update), c a multiple of 4. */
function simdSumPixels(
  backend: WasmBackend,
  glue: SimdGlue,
  x: number,
  pixels: number,
  channels: number,
): Float64Array {
  return withTemporaries(backend, (temp) => {
    // malloc aligns to 8 bytes at least: an even float index is a float64 boundary.
    const acc = floatOffset(backend, temp(allocate(backend, [2 * channels], 'float32')));
    if (acc % 2 !== 0) throw new Error('Sum: the accumulator is not 8-byte aligned.');
    heapF32(backend).fill(0, acc, acc + 2 * channels);
    glue.sumPixels(x, pixels, channels, acc);
    return new Float64Array(heapF32(backend).buffer, acc * 4, channels).slice();
  });
}

export function makeSum(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const attrs = args.attrs as unknown as SumAttrs;
    if (!reducesAllButLast(x, attrs)) return stock(args);
    const backend = asWasmBackend(args.backend);
    const channels = x.shape[x.shape.length - 1]!;
    const pixels = util.sizeFromShape(x.shape) / Math.max(1, channels);
    // Size-1 axes left out of the reduction stay in the output shape.
    const axes = util.parseAxisParam(attrs.axis, x.shape);
    const outShape = attrs.keepDims
      ? x.shape.map((d, i) => (i < x.shape.length - 1 ? 1 : d))
      : x.shape.filter((_, i) => !axes.includes(i));
    const out = allocate(backend, outShape, 'float32');
    const glue = channels % 4 === 0 ? simdGlue(backend) : null;
    const acc =
      glue != null
        ? simdSumPixels(backend, glue, floatOffset(backend, x), pixels, channels)
        : sumPixels(heapF32(backend), floatOffset(backend, x), pixels, channels);
    heapF32(backend).set(acc, floatOffset(backend, out));
    return out;
  };
}

export function sumConfig(stock: KernelFunc): KernelConfig {
  return { kernelName: Sum, backendName: 'wasm', kernelFunc: makeSum(stock) };
}
