// The filter gradient of an unpadded stride-1 convolution (every 3x3 convolution of the U-Net)
// with one packing of dy per image and no im2col copy.
//
// Index pixels by q = y*W + x over the whole input width W. Then x[oy + i, ox + j, c] is
// xT[c][q + i*W + j] at q = oy*W + ox: every filter tap is a shift of the channel-first image.
// With dyP = dy padded to [H, W] with zeros (kw - 1 columns, kh - 1 rows), the gradient is
// dW[i, j, c, o] = sum over q < H*W of xT[c][q + i*W + j] * dyP[q, o], exact because every q
// that reads past a row's end, into the next channel or past the image meets a zero of dyP.
// From 16 channels: one matmul per tap, A_ij [c, q] = a view of xT starting i*W + j floats in,
// with no copy at all. Below: one matmul per filter row over kw shifted copies of xT, so M is
// large enough for XNNPACK's tiles. Every matmul shares one b (the view of dyP), and XNNPACK
// packs a b once per id; the im2col path copies kh*kw*C floats per pixel and packs every chunk.
import type { backend_util, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { transposeToChannelsFirst } from './im2col';
import { simdGlue } from './simd-glue';
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
 * Most floats the kernel may allocate besides dW (the channel-first image, padded dy and any
 * shifted copies): 128 MB, what a 572-px tile with 16 or 32 filters needs. Larger layers take the
 * chunked im2col path, whose temporaries stay small, so the training memory estimate still holds
 * for wide networks.
 */
const MAX_TEMPORARY_FLOATS = 1 << 25;

/**
 * How many filter taps one matmul covers: one (A is a view of the channel-first image itself, no
 * copies, M = C) or a filter row (kw shifted copies, M = kw*C). Copies cost memory traffic; a small
 * M leaves XNNPACK's register tiles part empty. Measured on a 572-px tile (2 threads): one tap per
 * matmul takes 57 against 69 ms at 570x570x16 and 47 against 52 ms at 392x392x32, the same at 1
 * channel; so taps from 16 channels up, rows below.
 */
type TapGroup = 'tap' | 'row';

function tapGroupFor(channels: number): TapGroup {
  return channels >= 16 ? 'tap' : 'row';
}

function temporaryFloats(info: ConvInfo, group: TapGroup): number {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outChannels: o } = info;
  const copies = group === 'row' ? info.filterWidth * c * h * w : 0;
  return copies + n * c * h * w + n * h * w * o + info.filterHeight * w;
}

/** Stride 1, no dilation, no padding, temporaries that fit: what the trick here covers. */
export function coversShifts(info: ConvInfo): boolean {
  const p = info.padInfo;
  return (
    temporaryFloats(info, tapGroupFor(info.inChannels)) <= MAX_TEMPORARY_FLOATS &&
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

interface TapPlan {
  /** Shifts (in pixels of the flattened image) of the copies; empty: read xT itself. */
  copies: number[];
  /** Per matmul: where its A starts (a shift into the copies, or into xT) and its dW tap. */
  matmuls: { shift: number; firstTap: number }[];
}

function planTaps(group: TapGroup, kh: number, kw: number, w: number): TapPlan {
  const taps: number[] = [];
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) taps.push(i * w + j);
  if (group === 'tap') {
    return { copies: [], matmuls: taps.map((shift, t) => ({ shift, firstTap: t })) };
  }
  return {
    copies: taps.slice(0, kw),
    matmuls: Array.from({ length: kh }, (_, i) => ({ shift: i * w, firstTap: i * kw })),
  };
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
  const plan = planTaps(tapGroupFor(c), kh, kw, w);
  const tapsPerMatmul = (kh * kw) / plan.matmuls.length;
  const rows = tapsPerMatmul * c;
  const part = rows * o;
  const matMul = stockKernel('BatchMatMul');
  const plain: NamedAttrMap = { transposeA: false, transposeB: false };
  // A matmul's A reads up to its shift past the end of its source: zeros there, which meet zeros
  // of dyP (as does every read that runs past a row's end or into the next channel).
  const slack = Math.max(...plan.matmuls.map((m) => m.shift));
  return withTemporaries(backend, (temp) => {
    const imageFloats = n * c * plane;
    const xt = temp(allocate(backend, [imageFloats + (plan.copies.length ? 0 : slack)]));
    transposeToChannelsFirst(
      heapF32(backend),
      simdGlue(backend),
      floatOffset(backend, x),
      floatOffset(backend, xt),
      [n, h, w, c],
    );
    if (!plan.copies.length) {
      const at = floatOffset(backend, xt) + imageFloats;
      heapF32(backend).fill(0, at, at + slack);
    }
    const dyP = temp(paddedDy(backend, dy, h, w));
    const shifted = plan.copies.length
      ? temp(allocate(backend, [plan.copies.length * c * plane + slack]))
      : null;
    const dW = allocate(backend, [kh, kw, c, o]);
    try {
      for (let b = 0; b < n; b++) {
        let heap = heapF32(backend);
        const image = floatOffset(backend, xt) + b * c * plane;
        let source = image;
        if (shifted != null) {
          source = floatOffset(backend, shifted);
          plan.copies.forEach((shift, u) => {
            for (let ch = 0; ch < c; ch++) {
              // S[u][c][q] = xT[c][q + shift]; its last floats lie past the image: zeros.
              const from = image + ch * plane + shift;
              const to = source + (u * c + ch) * plane;
              heap.copyWithin(to, from, from + plane - shift);
              heap.fill(0, to + plane - shift, to + plane);
            }
          });
          const end = source + plan.copies.length * c * plane;
          heap.fill(0, end, end + slack);
        }
        const bView = viewAt(backend, floatOffset(backend, dyP) + b * plane * o, [1, plane, o]);
        try {
          for (const { shift, firstTap } of plan.matmuls) {
            const aView = viewAt(backend, source + shift, [1, rows, plane]);
            try {
              const out = runSingle(matMul, backend, { a: aView, b: bView }, plain);
              heap = heapF32(backend);
              const from = floatOffset(backend, out);
              const to = floatOffset(backend, dW) + firstTap * c * o;
              // out is [(tap, c), o]: exactly dW's taps from firstTap on, in [kh, kw, C, O] order.
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
