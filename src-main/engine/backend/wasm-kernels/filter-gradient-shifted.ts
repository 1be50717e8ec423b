// The filter gradient of an unpadded stride-1 convolution (every 3x3 convolution of the U-Net)
// with one packing of dy per image and a third of im2col's copying.
//
// Index pixels by q = y*W + x over the whole input width W. Then x[oy + i, ox + j, c] is
// xT[c][q + i*W + j] at q = oy*W + ox: every filter tap is a shift of the channel-first image.
// With dyP = dy padded to [H, W] with zeros (kw - 1 columns, kh - 1 rows), the gradient is
// dW[i, j, c, o] = sum over q < H*W of xT[c][q + i*W + j] * dyP[q, o], exact because every q
// that reads past a row's (or the image's) end meets a zero of dyP.
// The matmul per filter row i: A_i [(j, c), q] x dyP [q, O]. A_i is a view into S, kw copies of
// xT shifted by j, which are rows (j, c) of length H*W; all three matmuls share one b (the view
// of dyP), and XNNPACK packs a b once per id. The im2col path copies kh*kw*C floats per pixel
// and packs every chunk of dy: this copies kw*C and packs dy once.
import type { backend_util, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { toChannelsFirst } from './im2col';
import {
  allocate,
  floatOffset,
  heapF32,
  releaseView,
  runSingle,
  stockKernel,
  viewAt,
  withTemporaries,
  type WasmBackend,
} from './wasm-internals';

type ConvInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

/**
 * Most floats of shifted images: kw copies of x live while the kernel runs (16M floats = 64 MB,
 * as much as a 572-px tile with 16 filters needs). Larger layers take the chunked im2col path,
 * whose temporaries stay small, so the training memory estimate still holds for wide networks.
 */
const MAX_SHIFTED_FLOATS = 1 << 24;

/** Stride 1, no dilation, no padding, shifted copies that fit: what the trick here covers. */
export function coversShifts(info: ConvInfo): boolean {
  const p = info.padInfo;
  const shiftedFloats = info.filterWidth * info.inChannels * info.inHeight * info.inWidth;
  return (
    shiftedFloats <= MAX_SHIFTED_FLOATS &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    p.top === 0 &&
    p.bottom === 0 &&
    p.left === 0 &&
    p.right === 0 &&
    info.outHeight > 0 &&
    info.outWidth > 0 &&
    info.inHeight === info.outHeight + info.filterHeight - 1 &&
    info.inWidth === info.outWidth + info.filterWidth - 1
  );
}

/** dy [N, OH, OW, O] -> [N, H, W, O], zero to the right and below: long copies on the heap. */
function paddedDy(backend: WasmBackend, dy: TensorInfo, h: number, w: number): TensorInfo {
  const [n, oh, ow, o] = dy.shape as [number, number, number, number];
  const out = allocate(backend, [n, h, w, o]);
  const heap = heapF32(backend);
  const src = floatOffset(backend, dy);
  const dst = floatOffset(backend, out);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      const from = src + (b * oh + y) * ow * o;
      const to = dst + (b * h + y) * w * o;
      heap.copyWithin(to, from, from + ow * o);
      heap.fill(0, to + ow * o, to + w * o);
    }
    heap.fill(0, dst + (b * h + oh) * w * o, dst + (b + 1) * h * w * o);
  }
  return out;
}

export function shiftedFilterGradient(
  backend: WasmBackend,
  x: TensorInfo,
  dy: TensorInfo,
  info: ConvInfo,
): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c } = info;
  const { outChannels: o, filterHeight: kh, filterWidth: kw } = info;
  const plane = h * w;
  const rows = kw * c;
  const part = rows * o;
  const matMul = stockKernel('BatchMatMul');
  const plain: NamedAttrMap = { transposeA: false, transposeB: false };
  return withTemporaries(backend, (temp) => {
    const xt = temp(toChannelsFirst(backend, x));
    const dyP = temp(paddedDy(backend, dy, h, w));
    // A_i reads up to (kh - 1) * W floats past the last row of S: zeros, met by zeros of dyP.
    const slack = (kh - 1) * w;
    const shifted = temp(allocate(backend, [rows * plane + slack]));
    const dW = allocate(backend, [kh, kw, c, o]);
    try {
      for (let b = 0; b < n; b++) {
        let heap = heapF32(backend);
        const s = floatOffset(backend, shifted);
        for (let j = 0; j < kw; j++) {
          for (let ch = 0; ch < c; ch++) {
            // S[j][c][q] = xT[c][q + j]; its last j floats lie past the image and meet zeros of dyP.
            const from = floatOffset(backend, xt) + (b * c + ch) * plane + j;
            const to = s + (j * c + ch) * plane;
            heap.copyWithin(to, from, from + plane - j);
            heap.fill(0, to + plane - j, to + plane);
          }
        }
        heap.fill(0, s + rows * plane, s + rows * plane + slack);
        const bView = viewAt(backend, floatOffset(backend, dyP) + b * plane * o, [1, plane, o]);
        try {
          for (let i = 0; i < kh; i++) {
            const aView = viewAt(backend, s + i * w, [1, rows, plane]);
            try {
              const out = runSingle(matMul, backend, { a: aView, b: bView }, plain);
              heap = heapF32(backend);
              const from = floatOffset(backend, out);
              const to = floatOffset(backend, dW) + i * part;
              // out is [(j, c), o], exactly dW[i] in [kw, C, O] order.
              if (b === 0) heap.copyWithin(to, from, from + part);
              else for (let k = 0; k < part; k++) heap[to + k] = heap[to + k]! + heap[from + k]!;
              backend.disposeData(out.dataId);
            } finally {
              releaseView(backend, aView);
            }
          }
        } finally {
          releaseView(backend, bView);
        }
      }
    } catch (error) {
      backend.disposeData(dW.dataId);
      throw error;
    }
    return dW;
  });
}
