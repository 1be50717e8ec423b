// Narrow access to tfjs-backend-wasm's BackendWasm for kernels written in TypeScript.
//
// Checked against @tensorflow/tfjs-backend-wasm 4.22 (dist/backend_wasm.js): each tensor lives
// on the wasm heap at `dataIdMap.get(dataId).memoryOffset` (bytes), `makeOutput` mallocs a new
// tensor and registers it with the C++ side, and `disposeData` frees it (which also drops any
// XNNPACK operator cached for that tensor id). The published types describe `wasm` through
// @types/emscripten, which this project does not load, so the few members we touch are restated.
// The threaded build (`../wasm-threads.ts`) adds `wasmMemory` (shared with the workers) and
// emscripten's `PThread` pool.
import { getKernel } from '@tensorflow/tfjs';
import type { DataType, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

/** A WebAssembly.Memory (this project compiles without the DOM library, where its type lives). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

/** The part of a Node worker thread we touch. */
export interface ThreadWorker {
  unref(): void;
  terminate(): Promise<number>;
}

export interface WasmBackend {
  wasm: {
    HEAPF32: Float32Array;
    wasmMemory?: WasmMemory;
    /** The single-threaded build's instance exports, its memory among them. */
    asm?: { memory?: WasmMemory };
    PThread?: { runningWorkers: ThreadWorker[]; unusedWorkers: ThreadWorker[] };
    tfjs: { disposeData(id: number): void };
  };
  dataIdMap: {
    get(dataId: object): { id: number; memoryOffset: number } | undefined;
    has(dataId: object): boolean;
    delete(dataId: object): boolean;
  };
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
}

export function asWasmBackend(backend: unknown): WasmBackend {
  const b = backend as Partial<WasmBackend> | null;
  if (b == null || b.wasm == null || b.dataIdMap == null || typeof b.makeOutput !== 'function') {
    throw new Error('This kernel runs only on the tfjs wasm backend.');
  }
  return b as WasmBackend;
}

/**
 * The heap as floats. Fetch it again after every allocation: a malloc that grows wasm memory
 * replaces the underlying ArrayBuffer and detaches views taken before.
 */
export function heapF32(backend: WasmBackend): Float32Array {
  const { HEAPF32, wasmMemory } = backend.wasm;
  // Shared memory is not detached when it grows, and growth on a worker thread does not renew
  // the main thread's views: an old view would silently miss the new end of the heap.
  if (wasmMemory != null && HEAPF32.buffer !== wasmMemory.buffer) {
    return new Float32Array(wasmMemory.buffer);
  }
  return HEAPF32;
}

/** The backend's WebAssembly memory (shared in the threaded build), for modules of our own. */
export function wasmMemory(backend: WasmBackend): WasmMemory | null {
  return backend.wasm.wasmMemory ?? backend.wasm.asm?.memory ?? null;
}

/** The workers running the threaded build's pthreads (none in the single-threaded build). */
export function pthreadWorkers(backend: WasmBackend): ThreadWorker[] {
  return backend.wasm.PThread?.runningWorkers ?? [];
}

/**
 * Ends the workers emscripten keeps in reserve for pthreads not yet created, and returns how many.
 * Only for after start-up, and only because tfjs creates all its threads then (XNNPACK's pool):
 * a later pthread would need a fresh worker, which tfjs cannot create in Node.
 */
export function endIdlePthreadWorkers(backend: WasmBackend): number {
  const pool = backend.wasm.PThread;
  if (pool == null) return 0;
  const idle = pool.unusedWorkers;
  pool.unusedWorkers = [];
  for (const worker of idle) void worker.terminate();
  return idle.length;
}

const OUT_OF_MEMORY =
  'The WebAssembly backend ran out of memory (it can address 4 GB): use smaller tiles or another backend.';

/**
 * Index of a 4-byte tensor's first element in `heapF32(backend)`. An offset of 0 is a failed
 * malloc: tfjs does not check, and writing there would corrupt the heap.
 */
export function floatOffset(backend: WasmBackend, t: TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (data == null) throw new Error('Tensor is not on the wasm backend (disposed?).');
  if (data.memoryOffset === 0) throw new Error(OUT_OF_MEMORY);
  return data.memoryOffset >>> 2;
}

/** `makeOutput` that fails plainly instead of handing out a tensor at address 0. */
export function allocate(
  backend: WasmBackend,
  shape: number[],
  dtype: DataType = 'float32',
): TensorInfo {
  const t = backend.makeOutput(shape, dtype);
  if (backend.dataIdMap.get(t.dataId)?.memoryOffset === 0) {
    backend.disposeData(t.dataId);
    throw new Error(OUT_OF_MEMORY);
  }
  return t;
}

export function disposeAll(backend: WasmBackend, ...tensors: TensorInfo[]): void {
  for (const t of tensors) backend.disposeData(t.dataId);
}

/**
 * Runs `body`, handing it `temp` to register intermediates; they are freed when it returns or
 * throws (a failed allocation halfway through a kernel must not strand hundreds of MB).
 */
export function withTemporaries<T>(
  backend: WasmBackend,
  body: (temp: <U extends TensorInfo>(t: U) => U) => T,
): T {
  const temporaries: TensorInfo[] = [];
  try {
    return body((t) => {
      temporaries.push(t);
      return t;
    });
  } finally {
    disposeAll(backend, ...temporaries);
  }
}

/** Same data, another shape, with its own reference (dispose it like any output). */
export function reshaped(backend: WasmBackend, t: TensorInfo, shape: number[]): TensorInfo {
  backend.incRef(t.dataId);
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/**
 * A float32 tensor over `shape` floats that already sit on the heap from float index `at` (inside
 * another tensor), so a stock kernel can read a window of a tensor without a copy. It owns no
 * memory: end it with `releaseView` (never `disposeData`, which would free the middle of another
 * allocation), before the tensor it looks into is freed, and never write through it.
 */
export function viewAt(backend: WasmBackend, at: number, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32', at * 4);
}

/** Forgets a view: the C++ side drops it (and any XNNPACK operator cached under its id). */
export function releaseView(backend: WasmBackend, view: TensorInfo): void {
  // `get` of an unknown id would ask the engine to move the data from another backend.
  if (!backend.dataIdMap.has(view.dataId)) return;
  backend.wasm.tfjs.disposeData(backend.dataIdMap.get(view.dataId)!.id);
  backend.dataIdMap.delete(view.dataId);
}

/**
 * The wasm kernel registered under a name (tfjs's own, or ours where we replaced it: `Conv2D`
 * then runs Winograd where it pays), to call directly with our backend. Calling kernel
 * functions (not `engine.runKernel`) keeps intermediates out of the engine's tensor tracking:
 * the caller disposes them with `disposeAll`, as tfjs-backend-wasm's own composite kernels do.
 */
export function stockKernel(kernelName: string): KernelFunc {
  const config = getKernel(kernelName, 'wasm');
  if (config == null) throw new Error(`The wasm backend has no '${kernelName}' kernel.`);
  return config.kernelFunc;
}

export function runSingle(
  kernel: KernelFunc,
  backend: WasmBackend,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap,
): TensorInfo {
  const out = kernel({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error('Expected a single-output kernel.');
  return out;
}
