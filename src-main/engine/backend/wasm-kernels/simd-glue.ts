// The SIMD loops of `glue.wat`, instantiated over the wasm backend's own memory, so kernels move
// and reduce data at memory speed instead of JavaScript's 1.3-2.2 ns a float. Arguments are float
// indices into `heapF32` (as everywhere in this folder); the wrappers turn them into bytes.
//
// `simdGlue(backend)` is null where the module cannot load (no WebAssembly SIMD) or where it is
// switched off (`STUDIO_WASM_GLUE=js`, `setSimdGlueEnabled(false)`): kernels then keep their
// JavaScript loops, which the tests check as well.
import { GLUE_PLAIN_MEMORY, GLUE_SHARED_MEMORY } from './glue-binary';
import { wasmMemory, type WasmBackend, type WasmMemory } from './wasm-internals';

// WebAssembly's types live in the DOM library, which this project does not compile with.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => {
    exports: unknown;
  };
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

export interface SimdGlue {
  /** count runs of `floats` words: run r from src + r*srcStride to dst + r*dstStride. */
  copyRuns(
    src: number,
    srcStride: number,
    dst: number,
    dstStride: number,
    floats: number,
    count: number,
  ): void;
  /** acc (c float64s at float index `acc`, even) += per-channel sums; c a multiple of 4. */
  sumPixels(x: number, pixels: number, c: number, acc: number): void;
  /** One image x [pixels, c] -> [c, pixels]; c a multiple of 4. */
  toChannelsFirst(src: number, dst: number, pixels: number, c: number): void;
  /** Winograd F(2x2, 3x3) input transform of one image x [h, w, c] into v [16][tiles][c]. */
  winogradInput(x: number, v: number, w: number, c: number, tilesY: number, tilesX: number): void;
  /**
   * Winograd output transform: m = 16 matrices [tiles][o] at the byte addresses (i32) stored
   * from float index `table` on, into y [2 tilesY, 2 tilesX, o].
   */
  winogradOutput(table: number, y: number, o: number, tilesY: number, tilesX: number): void;
  /** In place: y [pixels, c] += bias (float index, or null), then ReLU if asked; c by 4. */
  biasActivation(y: number, bias: number | null, pixels: number, c: number, relu: boolean): void;
  /** out = dy * step(x) over `floats` floats (ReLU's gradient, NaN kept as tfjs keeps it). */
  reluGrad(dy: number, x: number, out: number, floats: number): void;
  /** 2x2 stride-2 max-pool gradient, every window inside x; c a multiple of 4. */
  maxPoolGrad2x2(
    at: { x: number; dy: number; dx: number },
    shape: readonly [number, number, number, number],
    oh: number,
    ow: number,
  ): void;
}

interface GlueExports {
  copy_runs(...args: number[]): void;
  sum_pixels(...args: number[]): void;
  max_pool_grad_2x2(...args: number[]): void;
  to_channels_first(...args: number[]): void;
  winograd_input(...args: number[]): void;
  winograd_output(...args: number[]): void;
  relu_grad(...args: number[]): void;
  bias_activation(...args: number[]): void;
}

let enabled = process.env.STUDIO_WASM_GLUE !== 'js';
const instances = new WeakMap<WasmMemory, SimdGlue | null>();

/** Switches the SIMD loops on or off (tests and benchmarks compare both paths). */
export function setSimdGlueEnabled(on: boolean): void {
  enabled = on;
}

function wrap(e: GlueExports): SimdGlue {
  const b = (index: number) => index * 4;
  return {
    copyRuns: (src, srcStride, dst, dstStride, floats, count) =>
      e.copy_runs(b(src), srcStride, b(dst), dstStride, floats, count),
    sumPixels: (x, pixels, c, acc) => e.sum_pixels(b(x), pixels, c, b(acc)),
    toChannelsFirst: (src, dst, pixels, c) => e.to_channels_first(b(src), b(dst), pixels, c),
    winogradInput: (x, v, w, c, tilesY, tilesX) =>
      e.winograd_input(b(x), b(v), w, c, tilesY, tilesX),
    winogradOutput: (table, y, o, tilesY, tilesX) =>
      e.winograd_output(b(table), b(y), o, tilesY, tilesX),
    biasActivation: (y, bias, pixels, c, relu) =>
      e.bias_activation(b(y), bias == null ? 0 : b(bias), pixels, c, relu ? 1 : 0),
    reluGrad: (dy, x, out, floats) => e.relu_grad(b(dy), b(x), b(out), floats),
    maxPoolGrad2x2: (at, [n, h, w, c], oh, ow) =>
      e.max_pool_grad_2x2(b(at.x), b(at.dy), b(at.dx), n, h, w, c, oh, ow),
  };
}

function instantiate(memory: WasmMemory): SimdGlue | null {
  const shared =
    typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
  try {
    const bytes = Buffer.from(shared ? GLUE_SHARED_MEMORY : GLUE_PLAIN_MEMORY, 'base64');
    const instance = new webAssembly.Instance(new webAssembly.Module(bytes), { env: { memory } });
    return wrap(instance.exports as unknown as GlueExports);
  } catch {
    // No SIMD (or another engine's limits): the JavaScript loops stay in charge.
    return null;
  }
}

export function simdGlue(backend: WasmBackend): SimdGlue | null {
  if (!enabled) return null;
  const memory = wasmMemory(backend);
  if (memory == null) return null;
  if (!instances.has(memory)) instances.set(memory, instantiate(memory));
  return instances.get(memory)!;
}
