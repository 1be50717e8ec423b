import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  MAX_WASM_THREADS,
  wantedWasmThreads,
} from '../../../../src-main/engine/backend/wasm-threads';

describe('how many wasm threads to ask for', () => {
  const perCore = Math.min(availableParallelism(), MAX_WASM_THREADS);

  it('asks for one per core unless told otherwise', () => {
    expect(wantedWasmThreads({})).toBe(perCore);
  });

  it('follows STUDIO_WASM_THREADS, where 1 means the single-threaded build', () => {
    expect(wantedWasmThreads({ STUDIO_WASM_THREADS: '1' })).toBe(1);
    expect(wantedWasmThreads({ STUDIO_WASM_THREADS: '3' })).toBe(3);
  });

  it('caps at the 8 workers emscripten creates', () => {
    expect(wantedWasmThreads({ STUDIO_WASM_THREADS: '64' })).toBe(8);
  });

  it('ignores values that are not a whole number of threads', () => {
    for (const value of ['', '0', '-2', '1.5', 'two']) {
      expect(wantedWasmThreads({ STUDIO_WASM_THREADS: value }), value).toBe(perCore);
    }
  });
});
