// Identity and same-dtype Cast for the wasm backend, sharing the input's data instead of copying
// it. The engine clones every tensor it saves for the backward pass through Identity, so the stock
// copying kernel moved each layer's activations once more per training step. The cpu backend's
// Identity shares in the same way; tensor data is never written in place once made.
import { Cast, Identity } from '@tensorflow/tfjs';
import type { CastAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend } from './wasm-internals';

function share(backend: unknown, x: TensorInfo): TensorInfo {
  asWasmBackend(backend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => share(backend, (inputs as { x: TensorInfo }).x),
};

export function castConfig(stock: KernelFunc): KernelConfig {
  return {
    kernelName: Cast,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      const { dtype } = args.attrs as unknown as CastAttrs;
      return dtype === x.dtype ? share(args.backend, x) : stock(args);
    },
  };
}
