// Child process of `npm run bench`: measures one engine in one mode and prints one JSON line
// (a BenchRow, or a BenchSkip saying why the engine cannot run here). Real studio code paths:
// the layers U-Net, the weighted cross-entropy and the optimizer of a training step.
import { performance } from 'node:perf_hooks';
import * as tfjsCore from '@tensorflow/tfjs';
import type * as tfjs from '@tensorflow/tfjs';
import { loadBackend } from '../engine/backend/load-backend';
import { weightedCrossEntropy } from '../engine/loss/weighted-cross-entropy';
import { buildUNet } from '../engine/network/build-unet';
import { outputSize } from '../engine/network/tile-geometry';
import type { UNetConfig } from '../engine/network/unet-config';
import { exportUNetToOnnx } from '../engine/onnx/export-unet';
import { loadOnnxRuntime } from '../engine/onnx/load-onnx-runtime';
import { createOnnxTileRunner } from '../engine/onnx/onnx-tile-runner';
import { makeOptimizer } from '../engine/train/make-optimizer';
import type { Tf } from '../engine/tf-types';
import type { BenchMode, BenchResult, StudioEngine } from './bench-options';
import { forwardFlops, trainingStepFlops } from './unet-flops';

export interface MeasureRequest {
  engine: StudioEngine;
  mode: BenchMode;
  config: UNetConfig;
  tile: number;
  threads: number;
  repeat: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times `run` once to warm up (kernel setup, heap growth), then `repeat` times. */
export async function timeRuns(run: () => Promise<void>, repeat: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** A function that runs one training step or one prediction of a tile, owning its tensors. */
function tfjsRunner(
  tf: Tf,
  request: MeasureRequest,
): { run: () => Promise<void>; dispose(): void } {
  const { config, tile } = request;
  const out = outputSize(tile, config)!;
  const model = buildUNet(tf, config, tile, 1);
  const x = tf.randomUniform([1, tile, tile, config.inputChannels]);
  if (request.mode === 'predict') {
    return {
      run: async () => {
        const probabilities = tf.tidy(() => tf.softmax(model.predict(x) as tfjs.Tensor, -1));
        await probabilities.data();
        probabilities.dispose();
      },
      dispose: () => {
        model.dispose();
        x.dispose();
      },
    };
  }
  // As in PyTorch's bench: SGD with momentum 0.99, random labels, every pixel labelled.
  const labels = tf.randomUniform([1, out, out], 1, 1 + config.numClasses, 'int32');
  const weights = tf.ones([1, out, out]);
  const optimizer = makeOptimizer(tf, { kind: 'sgd', learningRate: 1e-3, momentum: 0.99 });
  const variables = model.trainableWeights.map((w) => w.read() as tfjs.Variable);
  return {
    run: async () => {
      const cost = optimizer.minimize(
        () =>
          weightedCrossEntropy(
            tf,
            model.apply(x, { training: true }) as tfjs.Tensor,
            labels,
            weights,
          ) as tfjs.Scalar,
        true,
        variables,
      )!;
      await cost.data();
      cost.dispose();
    },
    dispose: () => {
      optimizer.dispose();
      model.dispose();
      tf.dispose([x, labels, weights]);
    },
  };
}

async function measureTfjs(request: MeasureRequest): Promise<number | string> {
  if (request.engine === 'studio-wasm') process.env.STUDIO_WASM_THREADS = String(request.threads);
  let loaded;
  try {
    loaded = await loadBackend(request.engine === 'studio-wasm' ? 'wasm' : 'tensorflow');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (request.engine === 'studio-wasm' && loaded.threads !== request.threads) {
    return `the WebAssembly backend runs ${loaded.threads} thread(s), not ${request.threads}`;
  }
  const runner = tfjsRunner(loaded.tf, request);
  try {
    return await timeRuns(runner.run, request.repeat);
  } finally {
    runner.dispose();
  }
}

/** The segment job's ONNX Runtime path: the exported network, one tile in, probabilities out. */
async function measureOnnxRuntime(request: MeasureRequest): Promise<number | string> {
  if (request.mode === 'train') return 'ONNX Runtime only predicts';
  const runtime = await loadOnnxRuntime();
  if (!runtime.ok) return runtime.reason;
  // The weights come from a tfjs model, as a checkpoint's do; building it needs any backend.
  await tfjsCore.setBackend('cpu');
  const model = buildUNet(tfjsCore, request.config, request.tile, 1);
  const bytes = exportUNetToOnnx(model, request.config);
  model.dispose();
  const runner = await createOnnxTileRunner(bytes, { threads: request.threads });
  const tile = new Float32Array(request.tile ** 2 * request.config.inputChannels).map(() =>
    Math.random(),
  );
  try {
    return await timeRuns(async () => {
      await runner.predictTile(tile, request.tile);
    }, request.repeat);
  } finally {
    await runner.release();
  }
}

export async function measure(request: MeasureRequest): Promise<BenchResult> {
  const { engine, mode, config, tile, threads } = request;
  const ms =
    engine === 'studio-onnxruntime'
      ? await measureOnnxRuntime(request)
      : await measureTfjs(request);
  if (typeof ms === 'string') return { engine, mode, skipped: ms };
  const flops = mode === 'train' ? trainingStepFlops(config, tile) : forwardFlops(config, tile);
  return {
    engine,
    mode,
    filters: config.filters,
    depth: config.depth,
    tile,
    threads,
    ms_median: Math.round(ms * 10) / 10,
    gflops: Math.round((flops / (ms / 1000) / 1e9) * 10) / 10,
    // Peak resident memory of this process (kilobytes on Linux and macOS).
    rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
