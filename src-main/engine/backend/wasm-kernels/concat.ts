// Concat for the wasm backend. The stock kernel makes a subarray and a `set` call per run, which
// for the U-Net's channel concatenation (16..256 channels per pixel) is one call per pixel per
// input; here each input is one strided copy (SIMD, or short runs as plain loops over the heap).
import { backend_util, Concat, util } from '@tensorflow/tfjs';
import type { ConcatAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { copyRuns, int32Heap } from './heap-copy';
import { simdGlue } from './simd-glue';
import { isWordSized } from './slicing';
import { allocate, asWasmBackend, floatOffset, heapF32 } from './wasm-internals';

export function makeConcat(stock: KernelFunc): KernelFunc {
  return (args) => {
    const inputs = (args.inputs as unknown as TensorInfo[]).filter(
      (t) => util.sizeFromShape(t.shape) > 0,
    );
    // One (or no) non-empty input: the stock kernel's identity/empty handling is fine.
    if (inputs.length < 2 || !inputs.every(isWordSized)) return stock(args);
    if (inputs.some((t) => t.dtype !== inputs[0]!.dtype)) return stock(args);
    const backend = asWasmBackend(args.backend);
    const attrs = args.attrs as unknown as ConcatAttrs;
    const axis = util.parseAxisParam(attrs.axis, inputs[0]!.shape)[0]!;
    backend_util.assertParamsConsistent(
      inputs.map((t) => t.shape),
      axis,
    );
    const outShape = backend_util.computeOutShape(
      inputs.map((t) => t.shape),
      axis,
    );
    const out = allocate(backend, outShape, inputs[0]!.dtype);
    const heap = int32Heap(heapF32(backend));
    const outer = util.sizeFromShape(outShape.slice(0, axis));
    const inner = inputs.map((t) => util.sizeFromShape(t.shape.slice(axis)));
    const total = util.sizeFromShape(outShape.slice(axis));
    const glue = simdGlue(backend);
    let column = floatOffset(backend, out);
    inputs.forEach((t, i) => {
      const run = inner[i]!;
      copyRuns(heap, glue, [floatOffset(backend, t), run], [column, total], run, outer);
      column += run;
    });
    return out;
  };
}

export function concatConfig(stock: KernelFunc): KernelConfig {
  return { kernelName: Concat, backendName: 'wasm', kernelFunc: makeConcat(stock) };
}
