// What runs a trained model over images, shared by the `segment` and `predict-image` jobs: the
// checkpoint's network on ONNX Runtime where it loads (faster on a CPU than tfjs), else on the
// tfjs backend, at whatever tile size each image needs. One object owns every session, model
// and tensor it made; `release()` frees them all.
import * as tfjs from '@tensorflow/tfjs';
import { loadBackend, type LoadedBackend } from '../backend/load-backend';
import { loadCheckpoint } from '../checkpoint/checkpoint-io';
import type { ModelMetadata } from '../checkpoint/model-metadata';
import { resizeUNet } from '../network/build-unet';
import { openCheckpointSession } from '../onnx/open-checkpoint-session';
import type { OnnxTileRunner } from '../onnx/onnx-tile-runner';
import { tfjsTileRunner, type TileRunner } from '../predict/overlap-tile';
import type { LayersModel } from '../tf-types';
import type { BackendChoice, SegmentEngineChoice } from './job-types';
import { checkpointToUse } from './model-dir';

export interface PredictionEngine {
  metadata: ModelMetadata;
  /** The checkpoint folder that was loaded (best/, else last/). */
  checkpointDir: string;
  /** The tfjs backend that loaded the checkpoint. */
  backend: LoadedBackend['name'];
  /** What runs the network: 'onnxruntime', or the tfjs backend's name. */
  engine: string;
  /** Why ONNX Runtime does not run, where 'auto' fell back to tfjs. */
  onnxSkipped?: string;
  /** The overlap-tile loop's runner at one input tile size. */
  runnerAt(inputSize: number): TileRunner;
  release(): Promise<void>;
}

export interface PredictionEngineOptions {
  backend: BackendChoice;
  /** Default 'auto'. 'onnxruntime' fails with the reason where ONNX Runtime cannot run. */
  engine?: SegmentEngineChoice;
}

/**
 * The backend to load. Jobs run concurrently in the compute process and tfjs has one global
 * backend: an 'auto' prediction started while another job (a training) holds tensors keeps the
 * backend that job chose instead of switching it under the training's feet.
 */
async function loadPredictionBackend(choice: BackendChoice): Promise<LoadedBackend> {
  if (choice === 'auto') {
    const engine = tfjs.engine();
    // engine().state and backendName are read without initialising a backend as a side effect.
    const current = engine.backendName as string | null;
    const named = current === 'wasm' || current === 'cpu' || current === 'tensorflow';
    if (engine.state.numTensors > 0 && named) return loadBackend(current);
  }
  return loadBackend(choice);
}

export async function openPredictionEngine(
  modelDir: string,
  options: PredictionEngineOptions,
): Promise<PredictionEngine> {
  const loaded = await loadPredictionBackend(options.backend);
  const { tf } = loaded;
  const checkpoint = await loadCheckpoint(tf, checkpointToUse(modelDir));
  const { metadata } = checkpoint;
  const choice = options.engine ?? 'auto';
  // ONNX Runtime here runs on the CPU; where TensorFlow has the GPU, that is faster.
  const preferTfjs = choice === 'tfjs' || (choice === 'auto' && loaded.name === 'tensorflow-gpu');
  const onnx = preferTfjs
    ? undefined
    : await openCheckpointSession(checkpoint.dir, checkpoint.model, metadata);
  if (onnx && !onnx.ok && choice === 'onnxruntime') {
    checkpoint.model.dispose();
    throw new Error(`ONNX Runtime cannot run this model: ${onnx.reason}.`);
  }
  const base = {
    metadata,
    checkpointDir: checkpoint.dir,
    backend: loaded.name,
    ...(onnx && !onnx.ok ? { onnxSkipped: onnx.reason } : {}),
  };
  if (onnx?.ok) {
    // The session holds its own copy of the weights: the tfjs model is not needed any more.
    checkpoint.model.dispose();
    return onnxEngine(base, onnx.runner);
  }
  return tfjsEngine(base, loaded, checkpoint.model);
}

type EngineBase = Pick<PredictionEngine, 'metadata' | 'checkpointDir' | 'backend' | 'onnxSkipped'>;

function onnxEngine(base: EngineBase, runner: OnnxTileRunner): PredictionEngine {
  return {
    ...base,
    engine: 'onnxruntime',
    runnerAt: (inputSize) => runner.atTileSize(inputSize),
    release: () => runner.release(),
  };
}

/** tfjs models are built for one tile size, so one is resized per size in use (one ONNX session serves all). */
function tfjsEngine(base: EngineBase, loaded: LoadedBackend, model: LayersModel): PredictionEngine {
  const { tf } = loaded;
  const predictors = new Map<number, LayersModel>();
  return {
    ...base,
    engine: loaded.name,
    runnerAt(inputSize) {
      let predictor = predictors.get(inputSize);
      if (!predictor) {
        predictor = resizeUNet(tf, model, base.metadata.network, inputSize);
        predictors.set(inputSize, predictor);
      }
      return tfjsTileRunner(tf, predictor);
    },
    async release() {
      for (const predictor of predictors.values()) predictor.dispose();
      predictors.clear();
      model.dispose();
    },
  };
}
