// Picks the fastest tfjs backend this machine can run, and says in plain words why each faster one
// did not load. Order for 'auto': TensorFlow on the GPU (tfjs-node-gpu), TensorFlow on the CPU
// (tfjs-node), WebAssembly with our training kernels (on every core: wasm-threads.ts), plain
// JavaScript.
//
// The native packages are optional dependencies whose install downloads libtensorflow; where that
// failed npm drops them, so they are required by name at run time, never imported statically (and
// stay external to any bundle). They load once per process: tfjs-node breaks in a second thread.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import * as tfjs from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { explainNativeLoadError } from './native-load-errors';
import { registerWasmTrainingKernels } from './wasm-kernels';
import { startThreadedWasm, wantedWasmThreads } from './wasm-threads';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type Tf = typeof import('@tensorflow/tfjs');

export interface LoadedBackend {
  tf: Tf;
  name: 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
  /** why each better backend did not load, in plain words */
  skipped: { backend: string; reason: string }[];
  threads: number;
}

/** Loads a package by name (tests pass a fake to act out a machine with CUDA errors). */
export type NativeRequire = (packageName: string) => unknown;

const GPU_PACKAGE = '@tensorflow/tfjs-node-gpu';
const CPU_PACKAGE = '@tensorflow/tfjs-node';

const nodeRequire = createRequire(import.meta.url);

type Attempt = { ok: true; backend: LoadedBackend } | { ok: false; reason: string };

async function loadNative(
  packageName: string,
  requireNative: NativeRequire,
): Promise<{ tf: Tf; usesGpu: boolean } | { reason: string }> {
  if (packageName === GPU_PACKAGE) {
    // Without this TensorFlow reserves nearly all GPU memory at start.
    process.env.TF_FORCE_GPU_ALLOW_GROWTH = 'true';
  }
  let tf: Tf;
  try {
    // tfjs-node re-exports @tensorflow/tfjs with its 'tensorflow' backend registered and set.
    tf = requireNative(packageName) as Tf;
    await tf.ready();
  } catch (error) {
    return { reason: explainNativeLoadError(packageName, error) };
  }
  if (tf.getBackend() !== 'tensorflow') {
    return { reason: `${packageName} loaded but its TensorFlow backend did not start` };
  }
  const backend = tf.backend() as { isUsingGpuDevice?: boolean };
  return { tf, usesGpu: backend.isUsingGpuDevice === true };
}

async function tryTensorflow(
  requireNative: NativeRequire,
  skipped: LoadedBackend['skipped'],
): Promise<Attempt> {
  const gpu = await loadNative(GPU_PACKAGE, requireNative);
  if ('tf' in gpu) {
    if (gpu.usesGpu) {
      return {
        ok: true,
        backend: { tf: gpu.tf, name: 'tensorflow-gpu', skipped, threads: cpuThreads() },
      };
    }
    // Same TensorFlow CPU kernels as tfjs-node; loading that one too would clash in one process.
    skipped.push({
      backend: 'tensorflow-gpu',
      reason:
        'TensorFlow loaded but sees no GPU (it needs an NVIDIA GPU with CUDA 11.2 and cuDNN 8.1); it runs on the CPU',
    });
    return {
      ok: true,
      backend: { tf: gpu.tf, name: 'tensorflow', skipped, threads: cpuThreads() },
    };
  }
  skipped.push({ backend: 'tensorflow-gpu', reason: gpu.reason });
  const cpu = await loadNative(CPU_PACKAGE, requireNative);
  if ('tf' in cpu) {
    return {
      ok: true,
      backend: { tf: cpu.tf, name: 'tensorflow', skipped, threads: cpuThreads() },
    };
  }
  skipped.push({ backend: 'tensorflow', reason: cpu.reason });
  return { ok: false, reason: `${gpu.reason}; ${cpu.reason}` };
}

function cpuThreads(): number {
  return availableParallelism();
}

function wasmFolder(): string {
  // The .wasm binaries sit next to the package's Node entry (dist/). Saying so explicitly keeps
  // loading working when this file is bundled somewhere else.
  return `${dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm'))}/`;
}

/**
 * The first wasm start's outcome, shared by later calls: the threads asked for, and why the
 * threaded build is not used (null: it is, or one thread was asked for).
 */
let threadedStart: Promise<{ threads: number; reason: string | null }> | null = null;

/**
 * The first wasm start in this process picks the build: the threaded one with
 * `wantedWasmThreads()` threads, or the single-threaded one when one thread is wanted or the
 * threaded one fails. Later calls reuse the running backend (a wasm module starts only once).
 */
function startThreadedOnce(): Promise<{ threads: number; reason: string | null }> {
  threadedStart ??= (async () => {
    const threads = wantedWasmThreads();
    // Something else (a test) already started the wasm backend: it stays as it is.
    if (threads === 1 || 'wasm' in tfjs.engine().registry) return { threads, reason: null };
    return { threads, reason: await startThreadedWasm(threads) };
  })();
  return threadedStart;
}

async function tryWasm(skipped: LoadedBackend['skipped']): Promise<Attempt> {
  try {
    registerWasmTrainingKernels();
    // Only before the module starts: tfjs refuses new paths after a failed start.
    if (!('wasm' in tfjs.engine().registry)) setWasmPaths(wasmFolder());
    const threaded = await startThreadedOnce();
    if (threaded.reason != null) {
      skipped.push({ backend: `wasm (${threaded.threads} threads)`, reason: threaded.reason });
    }
    if (!(await tfjs.setBackend('wasm'))) {
      return { ok: false, reason: 'the WebAssembly backend did not start' };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `the WebAssembly backend did not start: ${message}` };
  }
  // What XNNPACK really uses, whichever build started.
  return { ok: true, backend: { tf: tfjs, name: 'wasm', skipped, threads: getThreadsCount() } };
}

async function useCpu(skipped: LoadedBackend['skipped']): Promise<LoadedBackend> {
  if (!(await tfjs.setBackend('cpu')))
    throw new Error('The JavaScript (cpu) backend did not start.');
  return { tf: tfjs, name: 'cpu', skipped, threads: 1 };
}

/** `loadBackend` with the way native packages are required made explicit (for tests). */
export async function loadBackendWith(
  choice: BackendChoice,
  requireNative: NativeRequire,
): Promise<LoadedBackend> {
  const skipped: LoadedBackend['skipped'] = [];
  if (choice === 'cpu') return useCpu(skipped);
  if (choice === 'tensorflow') {
    const native = await tryTensorflow(requireNative, skipped);
    if (native.ok) return native.backend;
    throw new Error(`TensorFlow (native) cannot be used here: ${native.reason}.`);
  }
  if (choice === 'auto') {
    const native = await tryTensorflow(requireNative, skipped);
    if (native.ok) return native.backend;
  }
  const wasm = await tryWasm(skipped);
  if (wasm.ok) return wasm.backend;
  if (choice === 'wasm') throw new Error(`WebAssembly cannot be used here: ${wasm.reason}.`);
  skipped.push({ backend: 'wasm', reason: wasm.reason });
  return useCpu(skipped);
}

export function loadBackend(choice: BackendChoice = 'auto'): Promise<LoadedBackend> {
  return loadBackendWith(choice, nodeRequire);
}
