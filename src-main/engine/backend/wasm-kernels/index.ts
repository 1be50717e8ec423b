// Registers the kernels that make U-Net training possible (and fast) on tfjs's wasm backend.
// Kernels live in a global registry keyed by (name, backend), so registering once per process is
// enough, before or after `setBackend('wasm')`.
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { concatConfig } from './concat';
import { conv2dConfig, fusedConv2dConfig } from './conv2d';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input';
import { maxPoolGradConfig } from './max-pool-grad';
import {
  installReluGradient,
  RELU_GRAD_KERNEL,
  reluGradKernelConfig,
  restoreReluGradient,
} from './relu-gradient';
import { castConfig, identityConfig } from './sharing';
import { sliceConfig, splitVConfig } from './slicing';
import { sumConfig } from './sum';

const MARK = Symbol.for('unet-studio.wasm-training-kernel');

/** Builds our kernel from the stock one it replaces (null where wasm has none). */
type KernelMaker = (stock: KernelFunc | null) => KernelConfig;

function needsStock(make: (stock: KernelFunc) => KernelConfig): KernelMaker {
  return (stock) => {
    if (stock == null) throw new Error('Expected tfjs-backend-wasm to register this kernel.');
    return make(stock);
  };
}

/** Our kernels by name. The stock function is kept where ours hands some cases back to it. */
const KERNELS: Record<string, KernelMaker> = {
  // Winograd for 3x3 convolutions with many channels (and so for their input gradients).
  Conv2D: needsStock(conv2dConfig),
  FusedConv2D: needsStock(fusedConv2dConfig),
  Conv2DBackpropFilter: () => conv2dBackpropFilterConfig,
  // Falls back for NCHW and paddings at least as large as the kernel.
  Conv2DBackpropInput: (stock) => conv2dBackpropInputConfig(stock),
  MaxPoolGrad: () => maxPoolGradConfig,
  Sum: needsStock(sumConfig),
  Slice: needsStock(sliceConfig),
  SplitV: needsStock(splitVConfig),
  Concat: needsStock(concatConfig),
  Identity: () => identityConfig,
  Cast: needsStock(castConfig),
  // A kernel of our own, with the Relu gradient that calls it (registered below).
  [RELU_GRAD_KERNEL]: () => reluGradKernelConfig,
};

/** The wasm kernels we provide (registered under these names). */
export const WASM_TRAINING_KERNELS = Object.keys(KERNELS);

/** Stock kernels we replaced, to put back in `unregisterWasmTrainingKernels`. */
const replaced = new Map<string, KernelConfig>();

export function isOurKernel(kernelName: string): boolean {
  const config = getKernel(kernelName, 'wasm');
  return config != null && MARK in config;
}

/**
 * Idempotent: a second call changes nothing. `only` limits it to some kernels (the benchmark's
 * "stock" training step needs just the filter gradient, which wasm lacks).
 */
export function registerWasmTrainingKernels(only: readonly string[] = WASM_TRAINING_KERNELS): void {
  for (const [name, make] of Object.entries(KERNELS)) {
    if (!only.includes(name) || isOurKernel(name)) continue;
    const stock = getKernel(name, 'wasm');
    const config: KernelConfig = { ...make(stock?.kernelFunc ?? null) };
    if (stock != null) {
      replaced.set(name, stock);
      unregisterKernel(name, 'wasm');
      // The stock function we fall back to binds its wasm export in its setup function, which the
      // engine runs when the backend initialises, for registered kernels only: carry it over.
      if (stock.setupFunc != null) config.setupFunc = stock.setupFunc;
      if (stock.disposeFunc != null) config.disposeFunc = stock.disposeFunc;
    }
    registerKernel({ ...config, [MARK]: true } as KernelConfig);
  }
  if (only.includes(RELU_GRAD_KERNEL)) installReluGradient();
}

/** Puts the stock kernels back (benchmarks compare before/after); the filter gradient has none. */
export function unregisterWasmTrainingKernels(): void {
  restoreReluGradient();
  for (const name of WASM_TRAINING_KERNELS) {
    if (isOurKernel(name)) unregisterKernel(name, 'wasm');
    const stock = replaced.get(name);
    if (stock != null) registerKernel(stock);
    replaced.delete(name);
  }
}
