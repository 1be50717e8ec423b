// Conv2DBackpropInput for the wasm backend, replacing the stock one (a plain C++ loop, ~10x slower
// than XNNPACK). It is also the forward pass of conv2dTranspose (the U-Net's up-convolution).
//
// - stride == kernel (2x2 stride 2 up-convolution, a 2x2 stride-2 down-convolution's gradient,
//   1x1 convolutions): blocks do not overlap, so each is dy[pixel] x W: XNNPACK matmuls.
// - any other stride: dx = conv(dy with zeros between pixels, padded by kernel - 1 - pad,
//   filter rotated 180 degrees with in/out swapped) through XNNPACK's Conv2D.
// - NCHW, or a padding at least as large as the kernel (a negative padding here): the stock kernel.
import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs';
import type {
  Conv2DBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs';
import { blockRowFilter, rotatedSwappedFilter, zeroInserted } from './filter-layout';
import {
  allocate,
  asWasmBackend,
  disposeAll,
  floatOffset,
  heapF32,
  reshaped,
  runSingle,
  stockKernel,
  withTemporaries,
  type WasmBackend,
} from './wasm-internals';

type ConvInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

function nonOverlapping(info: ConvInfo): boolean {
  return (
    info.strideHeight === info.filterHeight &&
    info.strideWidth === info.filterWidth &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    info.inHeight >= info.outHeight * info.filterHeight &&
    info.inWidth >= info.outWidth * info.filterWidth
  );
}

/**
 * One matmul per filter row i: its output for input row y is exactly dx row y*kh + i (ow*kw
 * pixels of C channels), so it lands with one contiguous copy per row: no DepthToSpace pass.
 */
function blockTransposedConv(
  backend: WasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  info: ConvInfo,
): TensorInfo {
  const { batchSize: n, outHeight: oh, outWidth: ow, inHeight: h, inWidth: w } = info;
  const { filterHeight: kh, filterWidth: kw, inChannels: c } = info;
  const matMul = stockKernel('BatchMatMul');
  const plain: NamedAttrMap = { transposeA: false, transposeB: false };
  const exact = h === oh * kh && w === ow * kw;
  return withTemporaries(backend, (temp) => {
    const pixels = temp(reshaped(backend, dy, [1, n * oh * ow, info.outChannels]));
    if (kh === 1 && kw === 1 && exact) {
      const weights = temp(blockRowFilter(backend, filter, 0));
      const out = runSingle(matMul, backend, { a: pixels, b: weights }, plain);
      return { dataId: out.dataId, shape: [n, h, w, c], dtype: 'float32' };
    }
    const dx = allocate(backend, [n, h, w, c]);
    try {
      // Rows/columns past the last whole block (odd sizes with 'valid') get no gradient.
      if (!exact) {
        const at = floatOffset(backend, dx);
        heapF32(backend).fill(0, at, at + n * h * w * c);
      }
      const run = ow * kw * c;
      for (let i = 0; i < kh; i++) {
        const weights = temp(blockRowFilter(backend, filter, i));
        const rows = temp(runSingle(matMul, backend, { a: pixels, b: weights }, plain));
        const heap = heapF32(backend);
        const src = floatOffset(backend, rows);
        const dst = floatOffset(backend, dx);
        for (let b = 0; b < n; b++) {
          for (let y = 0; y < oh; y++) {
            const from = src + (b * oh + y) * run;
            heap.copyWithin(dst + (b * h + y * kh + i) * w * c, from, from + run);
          }
        }
      }
    } catch (error) {
      disposeAll(backend, dx);
      throw error;
    }
    return dx;
  });
}

/** Explicit paddings of the equivalent stride-1 convolution, or null where one would be < 0. */
function gradientPadding(info: ConvInfo): [number, number, number, number] | null {
  const spreadHeight = (info.outHeight - 1) * info.strideHeight + 1;
  const spreadWidth = (info.outWidth - 1) * info.strideWidth + 1;
  const top = info.filterHeight - 1 - info.padInfo.top;
  const left = info.filterWidth - 1 - info.padInfo.left;
  const bottom = info.inHeight - spreadHeight - top + info.filterHeight - 1;
  const right = info.inWidth - spreadWidth - left + info.filterWidth - 1;
  return Math.min(top, left, bottom, right) < 0 ? null : [top, bottom, left, right];
}

function convolutionalGradient(
  backend: WasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  info: ConvInfo,
  pads: [number, number, number, number],
): TensorInfo {
  const strided = info.strideHeight > 1 || info.strideWidth > 1;
  const [top, bottom, left, right] = pads;
  const attrs: NamedAttrMap = {
    strides: [1, 1],
    pad: [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ],
    dataFormat: 'NHWC',
    dilations: [1, 1],
  };
  return withTemporaries(backend, (temp) => {
    const spread = strided
      ? temp(zeroInserted(backend, dy, info.strideHeight, info.strideWidth))
      : dy;
    // Freeing the rotated filter also frees the XNNPACK operator cached under its id.
    const rotated = temp(rotatedSwappedFilter(backend, filter));
    return runSingle(stockKernel('Conv2D'), backend, { x: spread, filter: rotated }, attrs);
  });
}

/** Builds the kernel; `stock` is the original wasm kernel, kept for the cases we do not cover. */
export function makeConv2dBackpropInput(stock: KernelFunc | null): KernelFunc {
  return (args) => {
    const backend = asWasmBackend(args.backend);
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const fallback = () => {
      if (stock == null) throw new Error('Conv2DBackpropInput: unsupported case on wasm.');
      return stock(args);
    };
    if (attrs.dataFormat === 'NCHW') return fallback();
    const info = backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    if (nonOverlapping(info)) return blockTransposedConv(backend, dy, filter, info);
    const pads = gradientPadding(info);
    return pads == null ? fallback() : convolutionalGradient(backend, dy, filter, info, pads);
  };
}

export function conv2dBackpropInputConfig(stock: KernelFunc | null): KernelConfig {
  return {
    kernelName: Conv2DBackpropInput,
    backendName: 'wasm',
    kernelFunc: makeConv2dBackpropInput(stock),
  };
}
