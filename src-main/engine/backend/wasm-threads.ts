// Starts tfjs-backend-wasm's threaded SIMD build in Node, which stock tfjs 4.22 never does:
// XNNPACK then spreads every convolution and matrix product over several cores.
//
// tfjs ships the build and emscripten's Node support for it, but blocks it three ways, each
// undone here for the one `tf.setBackend('wasm')` call that creates the backend (then put back):
// 1. Its `WASM_HAS_MULTITHREAD_SUPPORT` flag answers false in Node: we set it.
// 2. emscripten starts each pthread with `new Worker(locateFile('…worker.js'))`, and tfjs's
//    locateFile returns `URL.createObjectURL(blob)`, a blob: URL that Node's Worker refuses
//    (ERR_WORKER_PATH). While the backend starts, `URL.createObjectURL` answers that one Blob
//    with `wasm-pthread-worker.mjs`, which runs tfjs's worker code in Node.
// 3. The C++ side caps threads at half of `emscripten_num_logical_cores()` (it assumes two
//    hyperthreads per core), read once when the module starts. We answer that import with twice
//    the threads we want, so its halving yields exactly them.
// Whatever goes wrong, the caller gets a reason and the single-threaded build starts instead.
//
// emscripten refs the worker of every running pthread, so XNNPACK's pool would keep the process
// alive forever: once started, those workers are unref'd (the main thread blocks on them while
// it computes, so nothing needs them to hold the event loop). emscripten also starts 8 workers
// whatever the thread count; the idle ones are ended (each is a V8 isolate, ~20 MB).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tfjs from '@tensorflow/tfjs';
import { setThreadsCount, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import {
  asWasmBackend,
  endIdlePthreadWorkers,
  pthreadWorkers,
} from './wasm-kernels/wasm-internals';

/** emscripten pre-creates 8 pthread workers and tfjs's C++ side uses at most 8 threads. */
export const MAX_WASM_THREADS = 8;

/** The only version whose start-up this file has been checked against. */
const CHECKED_VERSION = '4.22.0';

const WORKER_SCRIPT = fileURLToPath(new URL('./wasm-pthread-worker.mjs', import.meta.url));

/** A threaded start takes well under a second; past this, something hangs. */
const START_TIMEOUT_MS = 30_000;

/**
 * Threads to ask for: `STUDIO_WASM_THREADS` when it is a whole number (1 means the
 * single-threaded build), else one per core; at most `MAX_WASM_THREADS`.
 */
export function wantedWasmThreads(env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.STUDIO_WASM_THREADS);
  const wanted =
    env.STUDIO_WASM_THREADS != null && Number.isInteger(forced) && forced >= 1
      ? forced
      : availableParallelism();
  return Math.min(wanted, MAX_WASM_THREADS);
}

function cannotStartReason(): string | null {
  if (version_wasm !== CHECKED_VERSION) {
    return `threads are enabled only for tfjs-backend-wasm ${CHECKED_VERSION}; this is ${version_wasm}`;
  }
  if (typeof SharedArrayBuffer !== 'function') return 'this Node has no SharedArrayBuffer';
  if (!existsSync(WORKER_SCRIPT)) return `its worker script ${WORKER_SCRIPT} is missing`;
  return null;
}

// This project compiles without the DOM library, where WebAssembly's types live.
type WasmImports = Record<string, Record<string, unknown>>;
interface WebAssemblyApi {
  instantiate(source: unknown, imports?: WasmImports): Promise<unknown>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Runs `start` with the two start-up answers of (2) and (3) above, and restores both after. */
async function withThreadedStartPatches<T>(threads: number, start: () => Promise<T>): Promise<T> {
  const createObjectURL = URL.createObjectURL;
  const instantiate = webAssembly.instantiate;
  // tfjs makes exactly one 'application/javascript' Blob: the pthread worker. (Its main-script
  // Blob is 'text/javascript' and goes to the workers without a URL.)
  URL.createObjectURL = (blob: Blob) =>
    blob.type === 'application/javascript' ? WORKER_SCRIPT : createObjectURL(blob);
  webAssembly.instantiate = (source, imports) => {
    const env = imports?.env;
    if (env != null && typeof env.emscripten_num_logical_cores === 'function') {
      imports = { ...imports, env: { ...env, emscripten_num_logical_cores: () => 2 * threads } };
    }
    return instantiate.call(webAssembly, source, imports);
  };
  try {
    return await start();
  } finally {
    URL.createObjectURL = createObjectURL;
    webAssembly.instantiate = instantiate;
  }
}

function timeout(ms: number): { done: Promise<'timeout'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return { done, cancel: () => clearTimeout(timer) };
}

/**
 * Creates the wasm backend from the threaded build with `threads` threads (2 to 8). Resolves to
 * null when it runs, or to the reason it does not, with the multithread flag put back so that a
 * following `tf.setBackend('wasm')` starts the single-threaded build. Never throws. Call it once
 * per process, before anything else starts the wasm backend (`setWasmPaths` first).
 */
export async function startThreadedWasm(threads: number): Promise<string | null> {
  const cannot = cannotStartReason();
  if (cannot != null) return cannot;
  tfjs.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(threads);
  const limit = timeout(START_TIMEOUT_MS);
  let outcome: boolean | 'timeout';
  try {
    outcome = await withThreadedStartPatches(threads, () =>
      Promise.race([tfjs.setBackend('wasm'), limit.done]),
    );
  } catch (error) {
    outcome = false;
    console.warn(error);
  } finally {
    limit.cancel();
  }
  if (outcome === true) {
    const backend = asWasmBackend(tfjs.backend());
    for (const worker of pthreadWorkers(backend)) worker.unref();
    endIdlePthreadWorkers(backend);
    return null;
  }
  // What tfjs answers by itself in Node, so that the next start uses the single-threaded build.
  tfjs.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  return outcome === 'timeout'
    ? `its worker threads did not start within ${START_TIMEOUT_MS / 1000} s`
    : 'its worker threads did not start (the error is in the log)';
}
