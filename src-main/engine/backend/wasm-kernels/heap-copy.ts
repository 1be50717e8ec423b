// Block copies inside the wasm heap, for Slice, SplitV and Concat. The stock kernels first copy
// the whole input out of the heap (`readSync`) or make a subarray per run; these copy runs in
// place. Copies go through an Int32Array view so int32 data keeps its exact bits (a float view
// may rewrite bit patterns that read as NaN).

import type { SimdGlue } from './simd-glue';

/** Runs shorter than this are copied by a loop: cheaper than a `copyWithin` call. */
const SHORT_RUN = 24;

export function int32Heap(heapF32: Float32Array): Int32Array {
  return new Int32Array(heapF32.buffer);
}

export function copyRun(heap: Int32Array, from: number, to: number, length: number): void {
  if (length < SHORT_RUN) {
    for (let i = 0; i < length; i++) heap[to + i] = heap[from + i]!;
  } else {
    heap.copyWithin(to, from, from + length);
  }
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  return strides;
}

/**
 * `count` runs of `floats` words, run r from src + r*srcStride to dst + r*dstStride: one SIMD
 * call when the glue module is loaded, else JavaScript loops.
 */
export function copyRuns(
  heap: Int32Array,
  glue: SimdGlue | null,
  [src, srcStride]: readonly [number, number],
  [dst, dstStride]: readonly [number, number],
  floats: number,
  count: number,
): void {
  if (glue != null) {
    glue.copyRuns(src, srcStride, dst, dstStride, floats, count);
    return;
  }
  for (let r = 0; r < count; r++) copyRun(heap, src + r * srcStride, dst + r * dstStride, floats);
}

/**
 * Copies the block x[begin .. begin + size) of a row-major tensor at `src` to `dst`, densely.
 * Trailing axes taken whole merge into one run, so an NHWC crop copies one run per image row and
 * a channel split one run per pixel; the runs along the axis before go out in one `copyRuns`.
 */
export function copyBlock(
  heap: Int32Array,
  glue: SimdGlue | null,
  src: number,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  dst: number,
): void {
  const strides = stridesOf(shape);
  let axis = shape.length - 1;
  let inner = 1;
  while (axis >= 0 && size[axis] === shape[axis]) inner *= shape[axis--]!;
  if (axis < 0) {
    copyRuns(heap, glue, [src, 0], [dst, 0], inner, 1);
    return;
  }
  if (size.some((s) => s === 0)) return;
  const run = size[axis]! * inner;
  let from = src;
  for (let d = 0; d < shape.length; d++) from += begin[d]! * strides[d]!;
  // Runs along `rowAxis` are one copyRuns call; an odometer walks the axes before it.
  const rowAxis = axis - 1;
  const perCall = rowAxis >= 0 ? size[rowAxis]! : 1;
  const rowStride = rowAxis >= 0 ? strides[rowAxis]! : 0;
  const index = new Array<number>(Math.max(0, rowAxis)).fill(0);
  let calls = 1;
  for (let d = 0; d < rowAxis; d++) calls *= size[d]!;
  for (let call = 0; call < calls; call++, dst += run * perCall) {
    copyRuns(heap, glue, [from, rowStride], [dst, run], run, perCall);
    for (let d = rowAxis - 1; d >= 0; d--) {
      from += strides[d]!;
      const next = index[d]! + 1;
      if (next < size[d]!) {
        index[d] = next;
        break;
      }
      from -= next * strides[d]!;
      index[d] = 0;
    }
  }
}
