// MaxPoolGrad for the wasm backend, replacing the stock one (a general C++ loop that visits every
// input pixel's possible windows: ~100 ms for a 568x568x16 tile against ~15 ms here).
//
// Semantics match tfjs's cpu backend: each window's gradient goes to its first strict maximum in
// row-major order (ties, common after ReLU, go to the first one), summed where windows overlap.
import { backend_util, MaxPoolGrad } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, floatOffset, heapF32 } from './wasm-internals';

export function maxPoolGrad(args: {
  inputs: { dy: TensorInfo; input: TensorInfo };
  backend: unknown;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const { dy, input } = args.inputs;
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c } = info;
  const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const dx = backend.makeOutput([...input.shape], 'float32');
  const heap = heapF32(backend);
  const xAt = floatOffset(backend, input);
  const dyAt = floatOffset(backend, dy);
  const dxAt = floatOffset(backend, dx);
  heap.fill(0, dxAt, dxAt + n * h * w * c);
  // Per-channel running maximum and its heap index, so the inner loop walks channels contiguously.
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - info.padInfo.top;
      const yFrom = Math.max(0, y0);
      const yTo = Math.min(h, y0 + fh);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = ox * sw - info.padInfo.left;
        const xFrom = Math.max(0, x0);
        const xTo = Math.min(w, x0 + fw);
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let y = yFrom; y < yTo; y++) {
          for (let x = xFrom; x < xTo; x++) {
            const pixel = xAt + ((b * h + y) * w + x) * c;
            for (let k = 0; k < c; k++) {
              const v = heap[pixel + k]!;
              if (v > best[k]!) {
                best[k] = v;
                where[k] = pixel + k;
              }
            }
          }
        }
        const grad = dyAt + ((b * oh + oy) * ow + ox) * c;
        for (let k = 0; k < c; k++) {
          const at = where[k]!;
          if (at >= 0) heap[dxAt + (at - xAt)] = heap[dxAt + (at - xAt)]! + heap[grad + k]!;
        }
      }
    }
  }
  return dx;
}

const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) =>
  maxPoolGrad({
    inputs: inputs as { dy: TensorInfo; input: TensorInfo },
    backend,
    // tfjs passes attributes as a loosely typed map; these are the op's own (see its d.ts).
    attrs: attrs as unknown as MaxPoolGradAttrs,
  });

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc,
};
