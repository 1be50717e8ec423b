// A finished (or stopped) run becomes a model record: the checkpoint folder the job wrote, how
// the network was built, the classes it knows and the annotation it learned from.
import { join } from 'node:path';
import type { ClassDef } from '../../../src-preload/contract';
import { readCheckpointMetadata } from '../../engine/checkpoint/checkpoint-io';
import { LAST } from '../../engine/train/run-training';
import type { ModelRecord, ProjectStore } from '../../store';
import { lastValidation, type ContractMetrics, type HistoryPoint } from './training-history';

/**
 * What the models table's `config` holds for a model trained in the studio (read by the model
 * list and by prediction). Network class c is project class index c + 1.
 */
export interface TrainedModelConfig {
  source: 'studio-training';
  preset: string;
  backend: string;
  steps: number;
  filters: number;
  depth: number;
  tile: number;
  numClasses: number;
  classes: ClassDef[];
  /** Labelled pages and painted pixels of the annotation snapshot. */
  annotatedImages: number;
  labelledPixels: number;
  /** The snapshot folder, relative to the project. */
  snapshot: string;
}

export interface ModelInputs {
  runId: number;
  /** The job's output folder, relative to the project (e.g. models/run-3/model). */
  modelDir: string;
  preset: string;
  classes: ClassDef[];
  annotatedImages: number;
  labelledPixels: number;
  snapshot: string;
  history: HistoryPoint[];
}

/** Step count and network of the checkpoint the job saved last. */
export async function savedCheckpoint(projectDir: string, modelDir: string) {
  const { metadata } = await readCheckpointMetadata(join(projectDir, modelDir, LAST));
  return metadata;
}

export async function createRunModel(
  store: ProjectStore,
  inputs: ModelInputs,
): Promise<{ model: ModelRecord; metrics: ContractMetrics | null }> {
  const metadata = await savedCheckpoint(store.dir, inputs.modelDir);
  const steps = metadata.training.step;
  const config: TrainedModelConfig = {
    source: 'studio-training',
    preset: inputs.preset,
    backend: metadata.backend,
    steps,
    filters: metadata.network.filters,
    depth: metadata.network.depth,
    tile: metadata.tile,
    numClasses: metadata.network.numClasses,
    classes: inputs.classes,
    annotatedImages: inputs.annotatedImages,
    labelledPixels: inputs.labelledPixels,
    snapshot: inputs.snapshot,
  };
  const metrics = lastValidation(inputs.history);
  const model = store.createModel({
    name: `Run ${inputs.runId} · ${steps} step${steps === 1 ? '' : 's'}`,
    dir: inputs.modelDir,
    config,
    trainingRunId: inputs.runId,
    ...(metrics ? { metrics } : {}),
  });
  return { model, metrics };
}
