// ReLU's gradient in one pass on wasm. tfjs computes it as mul(dy, cast(step(x))): two kernels
// and a mask written out and read back, over every activation of the network (18 ms of a 572-px
// step with 16 filters). `StudioReluGrad` does the same arithmetic in one SIMD loop; the Relu
// gradient we register calls it on wasm and keeps tfjs's own formula on every other backend.
import { engine, getGradient, registerGradient, Relu, unregisterGradient } from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, KernelFunc, Tensor, TensorInfo } from '@tensorflow/tfjs';
import { simdGlue } from './simd-glue';
import {
  allocate,
  asWasmBackend,
  disposeAll,
  floatOffset,
  runSingle,
  stockKernel,
} from './wasm-internals';

export const RELU_GRAD_KERNEL = 'StudioReluGrad';

const kernelFunc: KernelFunc = ({ inputs, backend: anyBackend }) => {
  const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
  const backend = asWasmBackend(anyBackend);
  const glue = simdGlue(backend);
  if (glue == null || dy.dtype !== 'float32' || x.dtype !== 'float32') {
    // The stock kernels, as tfjs would run them.
    const mask = runSingle(stockKernel('Step'), backend, { x }, { alpha: 0 });
    try {
      return runSingle(stockKernel('Multiply'), backend, { a: dy, b: mask }, {});
    } finally {
      disposeAll(backend, mask);
    }
  }
  const out = allocate(backend, [...dy.shape]);
  const floats = dy.shape.reduce((a, b) => a * b, 1);
  glue.reluGrad(
    floatOffset(backend, dy),
    floatOffset(backend, x),
    floatOffset(backend, out),
    floats,
  );
  return out;
};

export const reluGradKernelConfig: KernelConfig = {
  kernelName: RELU_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc,
};

let stockGradient: GradConfig | undefined;

/**
 * Registers our Relu gradient (once; the kernel is registered with the others in `index.ts`).
 * `restoreReluGradient` puts tfjs's back.
 */
export function installReluGradient(): void {
  if (stockGradient !== undefined) return;
  const stock = getGradient(Relu);
  if (stock == null) return;
  stockGradient = stock;
  registerGradient({
    kernelName: Relu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as Tensor[];
      if (engine().backendName !== 'wasm' || Array.isArray(dy)) {
        return stock.gradFunc(dy, saved, attrs);
      }
      return { x: () => engine().runKernel(RELU_GRAD_KERNEL, { dy, x: x! }) as Tensor };
    },
  });
}

export function restoreReluGradient(): void {
  if (stockGradient === undefined) return;
  unregisterGradient(Relu);
  registerGradient(stockGradient);
  stockGradient = undefined;
}
