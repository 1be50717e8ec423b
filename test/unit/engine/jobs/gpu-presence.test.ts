// How the backend report explains an unused GPU: with the machine's GPU in mind.
import { describe, expect, it } from 'vitest';
import {
  explainSkippedBackends,
  nvidiaGpuPresent,
} from '../../../../src-main/engine/jobs/gpu-presence';

const cudaMissing = {
  backend: 'tensorflow-gpu',
  reason: 'CUDA 11.2 / cuDNN 8.1 not found (libcudart.so.11.0 missing)',
};
const notInstalled = {
  backend: 'tensorflow-gpu',
  reason: '@tensorflow/tfjs-node-gpu is not installed',
};
const wasm = { backend: 'wasm (8 threads)', reason: 'this Node has no SharedArrayBuffer' };

describe('an NVIDIA GPU', () => {
  it('is found from the driver, cheaply', () => {
    const seen: string[] = [];
    const exists = (path: string) => (seen.push(path), path === '/proc/driver/nvidia/version');
    expect(nvidiaGpuPresent('linux', exists)).toBe(true);
    expect(nvidiaGpuPresent('linux', () => false)).toBe(false);
    expect(nvidiaGpuPresent('darwin', () => true)).toBe(false);
    expect(nvidiaGpuPresent('win32', (path) => path.endsWith('nvidia-smi.exe'))).toBe(true);
    expect(seen).toEqual(['/proc/driver/nvidia/version']);
  });

  it('that CUDA cannot reach is named as such', () => {
    const [gpu, other] = explainSkippedBackends([cudaMissing, wasm], true);
    expect(gpu!.reason).toMatch(/^NVIDIA GPU found but CUDA 11\.2 \/ cuDNN 8\.1 missing \(/);
    expect(other).toEqual(wasm);
    expect(explainSkippedBackends([notInstalled], true)[0]!.reason).toMatch(
      /^NVIDIA GPU found but the GPU package is not installed/,
    );
  });

  it('that is not there is said plainly, keeping the loader reason', () => {
    expect(explainSkippedBackends([cudaMissing], false)[0]!.reason).toBe(
      `no NVIDIA GPU found (${cudaMissing.reason})`,
    );
    const odd = { backend: 'tensorflow-gpu', reason: 'needs a newer system C library' };
    expect(explainSkippedBackends([odd], false)).toEqual([odd]);
  });
});
