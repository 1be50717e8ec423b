// Filter rearrangements for the input-gradient kernels. Filters are small (at most a few hundred
// thousand floats), so plain loops over the heap are fine here.
import type { TensorInfo } from '@tensorflow/tfjs';
import { allocate, floatOffset, heapF32, type WasmBackend } from './wasm-internals';

/**
 * [kh, kw, C, O] -> [kh, kw, O, C] rotated by 180 degrees: the filter of the convolution that
 * maps dy back to dx (dx = conv(dy padded, rotated filter with in/out swapped)).
 */
export function rotatedSwappedFilter(backend: WasmBackend, filter: TensorInfo): TensorInfo {
  const [kh, kw, c, o] = filter.shape as [number, number, number, number];
  const out = allocate(backend, [kh, kw, o, c], 'float32');
  const heap = heapF32(backend);
  const src = floatOffset(backend, filter);
  let dst = floatOffset(backend, out);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const tap = src + ((kh - 1 - i) * kw + (kw - 1 - j)) * c * o;
      for (let oc = 0; oc < o; oc++) {
        for (let ic = 0; ic < c; ic++) heap[dst++] = heap[tap + ic * o + oc]!;
      }
    }
  }
  return out;
}

/**
 * Row `i` of a [kh, kw, C, O] filter as [1, O, kw*C]: in a non-overlapping transposed
 * convolution (stride equal to the kernel), `dy[pixel] x this` is the pixel's output block row i,
 * kw pixels of C channels, already in output order.
 */
export function blockRowFilter(backend: WasmBackend, filter: TensorInfo, i: number): TensorInfo {
  const [, kw, c, o] = filter.shape as [number, number, number, number];
  const k = kw * c;
  const out = allocate(backend, [1, o, k], 'float32');
  const heap = heapF32(backend);
  const src = floatOffset(backend, filter) + i * k * o;
  const dst = floatOffset(backend, out);
  for (let r = 0; r < k; r++) {
    for (let oc = 0; oc < o; oc++) heap[dst + oc * k + r] = heap[src + r * o + oc]!;
  }
  return out;
}

/**
 * dy [N, OH, OW, O] with (stride - 1) zeros between pixels: [N, (OH-1)*sh+1, (OW-1)*sw+1, O].
 * A strided convolution's input gradient is the stride-1 one of this.
 */
export function zeroInserted(
  backend: WasmBackend,
  dy: TensorInfo,
  strideHeight: number,
  strideWidth: number,
): TensorInfo {
  const [n, oh, ow, o] = dy.shape as [number, number, number, number];
  const h = (oh - 1) * strideHeight + 1;
  const w = (ow - 1) * strideWidth + 1;
  const out = allocate(backend, [n, h, w, o], 'float32');
  const heap = heapF32(backend);
  const src = floatOffset(backend, dy);
  const dst = floatOffset(backend, out);
  heap.fill(0, dst, dst + n * h * w * o);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const from = src + ((b * oh + y) * ow + x) * o;
        const to = dst + ((b * h + y * strideHeight) * w + x * strideWidth) * o;
        heap.copyWithin(to, from, from + o);
      }
    }
  }
  return out;
}
