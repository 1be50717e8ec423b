// Trained models. The weights are files in the project's models/ folder (written by the
// engine); this table says which folder, how the model was built and how well it did.
import { fromJsonText, fromNullableJsonText, isoNow, toJsonText } from './column-values';
import type { Db } from './connection';
import { invalid, notFound } from './store-error';

export interface NewModel {
  name: string;
  /** Folder of the weights, relative to the project folder, e.g. "models/unet-3". */
  dir: string;
  config: unknown;
  trainingRunId?: number | null;
  metrics?: unknown;
}

export interface ModelRecord {
  id: number;
  name: string;
  createdAt: string;
  dir: string;
  config: unknown;
  trainingRunId: number | null;
  metrics: unknown;
}

interface ModelRow {
  id: number;
  name: string;
  created_at: string;
  dir: string;
  config: string;
  training_run_id: number | null;
  metrics: string | null;
}

function toRecord(row: ModelRow): ModelRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    dir: row.dir,
    config: fromJsonText(row.config),
    trainingRunId: row.training_run_id,
    metrics: fromNullableJsonText(row.metrics),
  };
}

/**
 * A project folder must stay movable, so a model folder is stored relative to it, with '/'
 * separators, and may not climb out of it.
 */
export function normaliseModelDir(dir: string): string {
  const normalised = dir.replaceAll('\\', '/');
  const parts = normalised.split('/');
  if (
    normalised.length === 0 ||
    normalised.startsWith('/') ||
    /^[a-zA-Z]:/.test(normalised) ||
    parts.some((part) => part === '..' || part === '' || part === '.')
  ) {
    throw invalid(
      `The model folder "${dir}" must be a folder inside the project, like models/unet-1.`,
    );
  }
  return normalised;
}

export function createModel(db: Db, model: NewModel): ModelRecord {
  if (model.name.trim().length === 0) throw invalid('A model needs a name.');
  const dir = normaliseModelDir(model.dir);
  if (
    model.trainingRunId != null &&
    db.prepare('SELECT 1 FROM training_runs WHERE id = ?').get(model.trainingRunId) === undefined
  ) {
    throw notFound(`Training run ${model.trainingRunId}`);
  }
  if (db.prepare('SELECT 1 FROM models WHERE dir = ?').get(dir) !== undefined) {
    throw invalid(`Another model already uses the folder ${dir}.`);
  }
  const { lastInsertRowid } = db
    .prepare(
      'INSERT INTO models (name, created_at, dir, config, training_run_id, metrics) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      model.name.trim(),
      isoNow(),
      dir,
      toJsonText(model.config, 'The model settings'),
      model.trainingRunId ?? null,
      model.metrics === undefined ? null : toJsonText(model.metrics, 'The model scores'),
    );
  return requireModel(db, Number(lastInsertRowid));
}

export function getModel(db: Db, id: number): ModelRecord | undefined {
  const row = db.prepare<[number], ModelRow>('SELECT * FROM models WHERE id = ?').get(id);
  return row && toRecord(row);
}

export function requireModel(db: Db, id: number): ModelRecord {
  const model = getModel(db, id);
  if (!model) throw notFound(`Model ${id}`);
  return model;
}

export function listModels(db: Db): ModelRecord[] {
  return db.prepare<[], ModelRow>('SELECT * FROM models ORDER BY id').all().map(toRecord);
}

/** The name a person sees in the model list; the folder keeps its own name. */
export function renameModel(db: Db, id: number, name: string): ModelRecord {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw invalid('A model needs a name.');
  const { changes } = db.prepare('UPDATE models SET name = ? WHERE id = ?').run(trimmed, id);
  if (changes === 0) throw notFound(`Model ${id}`);
  return requireModel(db, id);
}

export function setModelMetrics(db: Db, id: number, metrics: unknown): void {
  const { changes } = db
    .prepare('UPDATE models SET metrics = ? WHERE id = ?')
    .run(toJsonText(metrics, 'The model scores'), id);
  if (changes === 0) throw notFound(`Model ${id}`);
}

/** Forgets a model and its predictions; deleting its weight files is the caller's job. */
export function removeModel(db: Db, id: number): void {
  const { changes } = db.prepare('DELETE FROM models WHERE id = ?').run(id);
  if (changes === 0) throw notFound(`Model ${id}`);
}
