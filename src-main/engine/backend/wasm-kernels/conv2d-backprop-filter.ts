// Conv2DBackpropFilter for the wasm backend, which has none (so no convolution could train there).
//
// dW[i, j, c, o] = sum over (n, oy, ox) of x[n, oy*sh + i - pt, ox*sw + j - pl, c] * dy[n, oy, ox, o]
// is the matmul colT [kh*kw*C, P] x dy [P, O] with P = N*OH*OW. The patch matrix is built in
// chunks of output rows so it stays small (a 570x570x16 layer would need ~190 MB at once) and so
// each chunk's slice of dy fits in cache while XNNPACK streams over it. Windows that tile x without
// overlap (the up-convolution's 2x2 stride 2) go to `filter-gradient-blocks.ts` instead.
//
// XNNPACK packs a matmul's b (here the dy chunk) anew for every b it sees, at ~3.5 ns a float on
// one thread: dy must stay the packed side (P x O floats), never the patches (P x kh*kw*C).
import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs';
import type {
  Conv2DBackpropFilterAttrs,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs';
import { blockFilterGradient, tilesWithoutOverlap } from './filter-gradient-blocks';
import { coversShifts, shiftedFilterGradient } from './filter-gradient-shifted';
import { fillIm2colT, toChannelsFirst, type ConvGeometry } from './im2col';
import {
  allocate,
  asWasmBackend,
  disposeAll,
  floatOffset,
  heapF32,
  releaseView,
  runSingle,
  stockKernel,
  viewAt,
  withTemporaries,
  type WasmBackend,
} from './wasm-internals';

/** Patch-matrix floats per chunk (4 MiB, cache-sized): measured faster than 1 MiB or 16 MiB. */
export const PATCH_CHUNK_FLOATS = 1 << 20;

/**
 * dy rows [first, first + count) (pixels of O floats) as a [1, count, O] view: no copy. A fresh
 * id per chunk, since XNNPACK caches the matmul's packed weights under b's id.
 */
function dyRows(backend: WasmBackend, dy: TensorInfo, first: number, count: number): TensorInfo {
  const outChannels = dy.shape[3]!;
  return viewAt(backend, floatOffset(backend, dy) + first * outChannels, [1, count, outChannels]);
}

function addInto(backend: WasmBackend, acc: TensorInfo, part: TensorInfo, size: number): void {
  const heap = heapF32(backend);
  const a = floatOffset(backend, acc);
  const p = floatOffset(backend, part);
  for (let k = 0; k < size; k++) heap[a + k] = heap[a + k]! + heap[p + k]!;
}

export function conv2dBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: unknown;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const { x, dy } = args.inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs;
  if (dataFormat === 'NCHW') {
    throw new Error('Conv2DBackpropFilter on wasm supports NHWC tensors only.');
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  if (coversShifts(info)) {
    return shiftedFilterGradient(backend, x, dy, info);
  }
  if (tilesWithoutOverlap(info)) {
    return blockFilterGradient(backend, x, dy, info);
  }
  const g: ConvGeometry = {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
  const patchRows = g.filterHeight * g.filterWidth * g.inChannels;
  const outRows = g.batch * g.outHeight;
  const filterSize = patchRows * info.outChannels;
  const matMul = stockKernel('BatchMatMul');
  const plain: NamedAttrMap = { transposeA: false, transposeB: false };

  if (outRows === 0 || g.outWidth === 0) {
    // No output pixel: the gradient is zero (tfjs allows empty tensors).
    const zeros = allocate(backend, [...filterShape]);
    heapF32(backend).fill(0, floatOffset(backend, zeros), floatOffset(backend, zeros) + filterSize);
    return zeros;
  }

  const rowsPerChunk = Math.max(1, Math.floor(PATCH_CHUNK_FLOATS / (patchRows * g.outWidth)));
  return withTemporaries(backend, (temp) => {
    const xt = temp(toChannelsFirst(backend, x));
    let acc: TensorInfo | null = null;
    try {
      for (let first = 0; first < outRows; first += rowsPerChunk) {
        const rows = Math.min(rowsPerChunk, outRows - first);
        const columns = rows * g.outWidth;
        const part = withTemporaries(backend, (chunkTemp) => {
          const colT = chunkTemp(allocate(backend, [1, patchRows, columns]));
          // The heap may have grown while allocating colT: take the view and offsets after it.
          const heap = heapF32(backend);
          fillIm2colT(
            heap,
            floatOffset(backend, xt),
            floatOffset(backend, colT),
            g,
            first,
            first + rows,
          );
          const dyPart = dyRows(backend, dy, first * g.outWidth, columns);
          try {
            return runSingle(matMul, backend, { a: colT, b: dyPart }, plain);
          } finally {
            releaseView(backend, dyPart);
          }
        });
        if (acc == null) {
          acc = part;
        } else {
          addInto(backend, acc, part, filterSize);
          disposeAll(backend, part);
        }
      }
    } catch (error) {
      if (acc != null) disposeAll(backend, acc);
      throw error;
    }
    // BatchMatMul's output is [1, K, O] in row-major order, which is exactly [kh, kw, C, O].
    return { dataId: acc!.dataId, shape: [...filterShape], dtype: 'float32' };
  });
}

const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) =>
  conv2dBackpropFilter({
    inputs: inputs as { x: TensorInfo; dy: TensorInfo },
    backend,
    // tfjs passes attributes as a loosely typed map; these are the op's own (see its d.ts).
    attrs: attrs as unknown as Conv2DBackpropFilterAttrs,
  });

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc,
};
