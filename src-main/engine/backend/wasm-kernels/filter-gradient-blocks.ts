// The filter gradient of a convolution whose windows tile the input without overlap (stride equal
// to the kernel, no padding): the U-Net's 2x2 stride-2 up-convolution, whose filter gradient is
// this kernel with x = the gradient at its output and dy = its input.
//
// dW[i, j, c, o] = sum over pixels p = (n, oy, ox) of x[n, oy*kh + i, ox*kw + j, c] * dy[p, o].
// For one filter row i, the kw pixels a window takes from input row oy*kh + i are adjacent, so
// X_i[p, (j, c)] is x's row oy*kh + i, whole windows of it (one contiguous copy per image row),
// and dW[i]^T = dy^T [O, P] x X_i [P, kw*C]: one matmul per filter row, instead of an im2col
// gathered element by element (stride 2 leaves no contiguous run to copy).
import type { backend_util, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import {
  allocate,
  floatOffset,
  heapF32,
  reshaped,
  runSingle,
  stockKernel,
  withTemporaries,
  type WasmBackend,
} from './wasm-internals';

type ConvInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

export function tilesWithoutOverlap(info: ConvInfo): boolean {
  const { padInfo: p } = info;
  return (
    info.strideHeight === info.filterHeight &&
    info.strideWidth === info.filterWidth &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    p.top === 0 &&
    p.left === 0 &&
    info.outHeight > 0 &&
    info.outWidth > 0 &&
    info.inHeight >= info.outHeight * info.filterHeight &&
    info.inWidth >= info.outWidth * info.filterWidth
  );
}

export function blockFilterGradient(
  backend: WasmBackend,
  x: TensorInfo,
  dy: TensorInfo,
  info: ConvInfo,
): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c } = info;
  const { outHeight: oh, outWidth: ow, outChannels: o, filterHeight: kh, filterWidth: kw } = info;
  const pixels = n * oh * ow;
  const run = ow * kw * c;
  const matMul = stockKernel('BatchMatMul');
  const plain: NamedAttrMap = { transposeA: false, transposeB: false };
  return withTemporaries(backend, (temp) => {
    // [N, OH, OW, O] -> [O, N, OH, OW]: rows of O over every pixel.
    const dyT = temp(
      runSingle(stockKernel('Transpose'), backend, { x: dy }, { perm: [3, 0, 1, 2] }),
    );
    const a = temp(reshaped(backend, dyT, [1, o, pixels]));
    const dW = allocate(backend, [kh, kw, c, o]);
    try {
      for (let i = 0; i < kh; i++) {
        withTemporaries(backend, (rowTemp) => {
          const rows = rowTemp(allocate(backend, [1, pixels, kw * c]));
          const heap = heapF32(backend);
          const xAt = floatOffset(backend, x);
          const rowsAt = floatOffset(backend, rows);
          for (let b = 0; b < n; b++) {
            for (let oy = 0; oy < oh; oy++) {
              const from = xAt + (b * h + oy * kh + i) * w * c;
              heap.copyWithin(rowsAt + (b * oh + oy) * run, from, from + run);
            }
          }
          // [O, kw*C] -> dW[i, j, c, o]
          const part = rowTemp(runSingle(matMul, backend, { a, b: rows }, plain));
          const view = heapF32(backend);
          const partAt = floatOffset(backend, part);
          const dWAt = floatOffset(backend, dW) + i * kw * c * o;
          for (let oc = 0; oc < o; oc++) {
            for (let k = 0; k < kw * c; k++)
              view[dWAt + k * o + oc] = view[partAt + oc * kw * c + k]!;
          }
        });
      }
    } catch (error) {
      backend.disposeData(dW.dataId);
      throw error;
    }
    return dW;
  });
}
