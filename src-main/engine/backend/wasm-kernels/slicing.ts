// Slice and SplitV for the wasm backend. The stock Slice reads the whole input out of the heap
// before copying the slice (~1 GB/s); the U-Net's skip-connection crops (Slice) and the gradient of
// its channel concatenations (SplitV) move hundreds of MB per step through it.
import { backend_util, Slice, slice_util, SplitV, util } from '@tensorflow/tfjs';
import type {
  KernelConfig,
  KernelFunc,
  SliceAttrs,
  SplitVAttrs,
  TensorInfo,
} from '@tensorflow/tfjs';
import { copyBlock, int32Heap } from './heap-copy';
import { simdGlue } from './simd-glue';
import { allocate, asWasmBackend, floatOffset, heapF32, type WasmBackend } from './wasm-internals';

/** Dtypes stored as 4 bytes per element on the wasm heap (bool is 1 byte, string is off-heap). */
export function isWordSized(t: TensorInfo): boolean {
  return t.dtype === 'float32' || t.dtype === 'int32';
}

function sliceBlock(
  backend: WasmBackend,
  x: TensorInfo,
  begin: readonly number[],
  size: number[],
): TensorInfo {
  const out = allocate(backend, size, x.dtype);
  if (util.sizeFromShape(size) === 0) return out;
  const heap = int32Heap(heapF32(backend));
  const at = floatOffset(backend, x);
  copyBlock(heap, simdGlue(backend), at, x.shape, begin, size, floatOffset(backend, out));
  return out;
}

export function makeSlice(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (!isWordSized(x)) return stock(args);
    const attrs = args.attrs as unknown as SliceAttrs;
    const [begin, size] = slice_util.parseSliceParams(x, attrs.begin, attrs.size);
    return sliceBlock(asWasmBackend(args.backend), x, begin!, size!);
  };
}

export function makeSplitV(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (!isWordSized(x)) return stock(args);
    const backend = asWasmBackend(args.backend);
    const attrs = args.attrs as unknown as SplitVAttrs;
    const axis = util.parseAxisParam(attrs.axis, x.shape)[0]!;
    const sizes = backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = [...x.shape];
      size[axis] = s;
      const part = sliceBlock(backend, x, begin, size);
      begin[axis]! += s;
      return part;
    });
  };
}

export function sliceConfig(stock: KernelFunc): KernelConfig {
  return { kernelName: Slice, backendName: 'wasm', kernelFunc: makeSlice(stock) };
}

export function splitVConfig(stock: KernelFunc): KernelConfig {
  return { kernelName: SplitV, backendName: 'wasm', kernelFunc: makeSplitV(stock) };
}
