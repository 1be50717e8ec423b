// Whether this machine has an NVIDIA GPU, found cheaply (no CUDA call, no process start): the
// driver's /proc entry on Linux, nvidia-smi where the driver installs it on Windows. Used to tell a
// person with a GPU why TensorFlow still does not use it, instead of a bare library name.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function nvidiaGpuPresent(
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): boolean {
  if (platform === 'linux') return exists('/proc/driver/nvidia/version');
  if (platform === 'win32') {
    const system = join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'nvidia-smi.exe');
    return exists(system);
  }
  // macOS has had no CUDA for years: tfjs-node-gpu cannot run there whatever the hardware.
  return false;
}

const GPU_BACKEND = 'tensorflow-gpu';
const CUDA_MISSING = /CUDA|cuDNN|cudart|cublas|cudnn/;
const NOT_INSTALLED = /is not installed/;

/**
 * The loader's reasons, with the GPU backend's reason said in terms of the machine: a GPU that
 * is there but unusable (CUDA 11.2 / cuDNN 8.1 missing, or the GPU package not installed), or
 * no NVIDIA GPU at all. Other reasons stay as the loader wrote them.
 */
export function explainSkippedBackends(
  skipped: { backend: string; reason: string }[],
  gpuPresent: boolean,
): { backend: string; reason: string }[] {
  return skipped.map(({ backend, reason }) => {
    if (backend !== GPU_BACKEND) return { backend, reason };
    if (!gpuPresent) {
      return CUDA_MISSING.test(reason) || NOT_INSTALLED.test(reason)
        ? { backend, reason: `no NVIDIA GPU found (${reason})` }
        : { backend, reason };
    }
    if (CUDA_MISSING.test(reason)) {
      return { backend, reason: `NVIDIA GPU found but CUDA 11.2 / cuDNN 8.1 missing (${reason})` };
    }
    if (NOT_INSTALLED.test(reason)) {
      return {
        backend,
        reason: `NVIDIA GPU found but the GPU package is not installed (${reason})`,
      };
    }
    return { backend, reason: `NVIDIA GPU found but ${reason}` };
  });
}
