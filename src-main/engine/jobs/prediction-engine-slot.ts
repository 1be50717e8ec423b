// One loaded model kept between requests: a person reviewing predictions clicks Predict on image
// after image with the same model, and loading it (and starting an ONNX Runtime session) costs
// more than a small image's prediction. Another model replaces it; requests run one at a time,
// so a replaced model is never released while a prediction still uses it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  openPredictionEngine,
  type PredictionEngine,
  type PredictionEngineOptions,
} from './prediction-engine';
import { checkpointToUse } from './model-dir';

interface Loaded {
  key: string;
  engine: PredictionEngine;
}

/**
 * What makes a loaded model stale: another folder or options, or a checkpoint saved again since
 * (a resumed training rewrites best/ in place).
 */
export function engineKey(modelDir: string, options: PredictionEngineOptions): string {
  const checkpoint = checkpointToUse(modelDir);
  const saved = statSync(join(checkpoint, 'studio.json')).mtimeMs;
  return JSON.stringify([checkpoint, saved, options.backend, options.engine ?? 'auto']);
}

export class PredictionEngineSlot {
  private loaded: Loaded | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** Runs `work` with the model in `modelDir`, after every earlier request has finished. */
  use<T>(
    modelDir: string,
    options: PredictionEngineOptions,
    work: (engine: PredictionEngine, reused: boolean) => Promise<T>,
  ): Promise<T> {
    return this.enqueue(async () => {
      const key = engineKey(modelDir, options);
      const reused = this.loaded?.key === key;
      if (!reused) {
        await this.releaseNow();
        this.loaded = { key, engine: await openPredictionEngine(modelDir, options) };
      }
      return work(this.loaded!.engine, reused);
    });
  }

  /** Frees the loaded model (its session, or its tfjs model and tensors) once no request uses it. */
  release(): Promise<void> {
    return this.enqueue(() => this.releaseNow());
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    // The next task waits for this one, whether it succeeded or not.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async releaseNow(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    await loaded?.engine.release();
  }
}
