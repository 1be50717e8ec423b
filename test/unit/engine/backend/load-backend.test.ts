import * as tfjs from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadBackend,
  loadBackendWith,
  type NativeRequire,
} from '../../../../src-main/engine/backend/load-backend';
import { isOurKernel } from '../../../../src-main/engine/backend/wasm-kernels';

const GPU = '@tensorflow/tfjs-node-gpu';
const CPU = '@tensorflow/tfjs-node';

function notInstalled(name: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
}

/** Stands in for tfjs-node: a tfjs whose current backend is 'tensorflow'. */
function fakeTensorflow(usesGpu: boolean) {
  return {
    ready: async () => undefined,
    getBackend: () => 'tensorflow',
    backend: () => ({ isUsingGpuDevice: usesGpu }),
  };
}

/** A machine described by what requiring each package does. */
function machine(packages: Record<string, () => unknown>): NativeRequire & { asked: string[] } {
  const asked: string[] = [];
  const load = (name: string) => {
    asked.push(name);
    const pkg = packages[name];
    if (pkg == null) throw notInstalled(name);
    return pkg();
  };
  return Object.assign(load, { asked });
}

describe('backend selection', () => {
  const savedGrowth = process.env.TF_FORCE_GPU_ALLOW_GROWTH;
  afterEach(() => {
    if (savedGrowth === undefined) delete process.env.TF_FORCE_GPU_ALLOW_GROWTH;
    else process.env.TF_FORCE_GPU_ALLOW_GROWTH = savedGrowth;
  });

  it('falls back to wasm with our training kernels when no native package is installed', async () => {
    const none = machine({});
    const loaded = await loadBackendWith('auto', none);
    expect(loaded.name).toBe('wasm');
    expect(loaded.tf.getBackend()).toBe('wasm');
    expect(loaded.threads).toBeGreaterThanOrEqual(1);
    expect(loaded.skipped).toEqual([
      { backend: 'tensorflow-gpu', reason: `${GPU} is not installed` },
      { backend: 'tensorflow', reason: `${CPU} is not installed` },
    ]);
    expect(none.asked).toEqual([GPU, CPU]);
    expect(isOurKernel('Conv2DBackpropFilter')).toBe(true);
  });

  it('turns on GPU memory growth before requiring the GPU package, and uses a visible GPU', async () => {
    delete process.env.TF_FORCE_GPU_ALLOW_GROWTH;
    let growthWhenLoaded: string | undefined;
    const gpu = machine({
      [GPU]: () => {
        growthWhenLoaded = process.env.TF_FORCE_GPU_ALLOW_GROWTH;
        return fakeTensorflow(true);
      },
    });
    const loaded = await loadBackendWith('auto', gpu);
    expect(growthWhenLoaded).toBe('true');
    expect(loaded.name).toBe('tensorflow-gpu');
    expect(loaded.skipped).toEqual([]);
    expect(gpu.asked).toEqual([GPU]);
  });

  it('says when the GPU package sees no GPU, and keeps it as TensorFlow on the CPU', async () => {
    const noGpu = machine({
      [GPU]: () => fakeTensorflow(false),
      [CPU]: () => fakeTensorflow(false),
    });
    const loaded = await loadBackendWith('auto', noGpu);
    expect(loaded.name).toBe('tensorflow');
    expect(loaded.skipped).toHaveLength(1);
    expect(loaded.skipped[0]!.backend).toBe('tensorflow-gpu');
    expect(loaded.skipped[0]!.reason).toMatch(/sees no GPU/);
    // Loading the second native package into the same process would clash.
    expect(noGpu.asked).toEqual([GPU]);
  });

  it('reports missing CUDA and uses tfjs-node', async () => {
    const oldCuda = machine({
      [GPU]: () => {
        throw new Error(
          'libcudart.so.11.0: cannot open shared object file: No such file or directory',
        );
      },
      [CPU]: () => fakeTensorflow(false),
    });
    const loaded = await loadBackendWith('auto', oldCuda);
    expect(loaded.name).toBe('tensorflow');
    expect(loaded.skipped).toEqual([
      {
        backend: 'tensorflow-gpu',
        reason: 'CUDA 11.2 / cuDNN 8.1 not found (libcudart.so.11.0 missing)',
      },
    ]);
  });

  it('throws a plain error when TensorFlow is asked for and cannot load', async () => {
    await expect(loadBackendWith('tensorflow', machine({}))).rejects.toThrow(
      `TensorFlow (native) cannot be used here: ${GPU} is not installed; ${CPU} is not installed.`,
    );
  });

  it('loads a forced wasm or cpu backend without touching the native packages', async () => {
    const untouched = machine({});
    expect((await loadBackendWith('wasm', untouched)).name).toBe('wasm');
    const cpu = await loadBackendWith('cpu', untouched);
    expect(cpu.name).toBe('cpu');
    expect(cpu.tf.getBackend()).toBe('cpu');
    expect(untouched.asked).toEqual([]);
  });

  it('returns the tfjs module itself for wasm and cpu', async () => {
    const loaded = await loadBackend('wasm');
    expect(loaded.tf.getBackend()).toBe(tfjs.getBackend());
    const sum = loaded.tf.tidy(() => loaded.tf.sum(loaded.tf.ones([3, 4])).dataSync()[0]);
    expect(sum).toBe(12);
  });
});
