// A model as the model list shows it: how it was built (from its checkpoint's studio.json), what
// it learned from (the training run's snapshot manifest), how well it did (the store).
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ValidationMetrics, type ClassDef, type ModelSummary } from '../../../src-preload/contract';
import type { ModelRecord, ProjectStore } from '../../store';
import { configClasses, modelClasses } from './model-classes';
import { modelDirOf, readModelFiles } from './model-files';

/**
 * A model whose folder is gone stays in the list (the person should see what happened to it,
 * and its predictions stay in the project), marked by this in place of the backend it trained
 * on, with hasOnnx false; predicting with it fails with a 'not-found' that says so.
 */
export const MISSING_FILES_BACKEND = 'model files missing';

interface Annotation {
  annotatedImages: number;
  labelledPixels: number;
}

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;

/** The store's model config as the training service writes it (training-model.ts); any part may be missing. */
interface StoreConfig {
  snapshot?: unknown;
  steps?: unknown;
  filters?: unknown;
  depth?: unknown;
  annotatedImages?: unknown;
  labelledPixels?: unknown;
}

const configOf = (record: ModelRecord): StoreConfig =>
  typeof record.config === 'object' && record.config !== null ? (record.config as StoreConfig) : {};

/**
 * What the model learned from: the totals of the run's snapshot manifest (the folder the store's
 * config names, else `<model dir>/../snapshot`), else the totals the config copied from it. A CLI
 * model has neither: 0.
 */
export async function readAnnotation(
  store: ProjectStore,
  record: ModelRecord,
): Promise<Annotation> {
  const config = configOf(record);
  const snapshot =
    typeof config.snapshot === 'string'
      ? resolve(store.dir, config.snapshot)
      : join(dirname(modelDirOf(store, record)), 'snapshot');
  let totals: { annotatedImages?: unknown; labelledPixels?: unknown } = config;
  try {
    totals = JSON.parse(await readFile(join(snapshot, 'manifest.json'), 'utf8'));
  } catch {
    // No manifest: the config's copy of its totals, if any.
  }
  return {
    annotatedImages: count(totals.annotatedImages),
    labelledPixels: count(totals.labelledPixels),
  };
}

/** The store's metrics when they hold the last validation (directly or under `validation`). */
function metricsOf(record: ModelRecord): ModelSummary['metrics'] {
  const nested = (record.metrics as { validation?: unknown } | null)?.validation;
  for (const candidate of [record.metrics, nested]) {
    const parsed = ValidationMetrics.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** A whole number of the store's config, at least `min`, else `min`. */
function configNumber(
  config: StoreConfig,
  key: 'steps' | 'filters' | 'depth',
  min: number,
): number {
  const value = config[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : min;
}

export async function summariseModel(
  store: ProjectStore,
  record: ModelRecord,
  projectClasses: readonly ClassDef[],
): Promise<ModelSummary> {
  const [files, annotation] = await Promise.all([
    readModelFiles(store, record),
    readAnnotation(store, record),
  ]);
  const common = {
    id: record.id,
    name: record.name,
    runId: record.trainingRunId,
    createdAt: record.createdAt,
    ...annotation,
    metrics: metricsOf(record),
  };
  if (!files) {
    const config = configOf(record);
    return {
      ...common,
      steps: configNumber(config, 'steps', 0),
      backend: MISSING_FILES_BACKEND,
      filters: configNumber(config, 'filters', 1),
      depth: configNumber(config, 'depth', 1),
      classes: configClasses(record.config),
      hasOnnx: false,
    };
  }
  const { metadata } = files;
  return {
    ...common,
    // The checkpoint that predicts: best/ may be from an earlier step than the run's last.
    steps: metadata.training.step,
    backend: metadata.backend,
    filters: metadata.network.filters,
    depth: metadata.network.depth,
    classes: modelClasses(metadata, record.config, projectClasses),
    hasOnnx: files.hasOnnx,
  };
}
