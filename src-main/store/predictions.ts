// Segmentations made by a model: one class map per image page, kept until the image or model
// goes. Stored as a deflated blob like label tiles, but whole: it is written once, never painted.
import { fromNullableJsonText, isoNow, requireWholeNumber, toJsonText } from './column-values';
import { deflateBytes, inflateBytes } from './compression';
import type { Db } from './connection';
import { requireImage } from './images';
import { requireModel } from './models';
import { invalid, notFound } from './store-error';

export interface NewPrediction {
  imageId: number;
  modelId: number;
  page: number;
  /** width * height class indices of the image page, row-major. */
  classMap: Uint8Array;
  metrics?: unknown;
}

export interface PredictionRecord {
  id: number;
  imageId: number;
  modelId: number;
  page: number;
  createdAt: string;
  metrics: unknown;
}

interface PredictionRow {
  id: number;
  image_id: number;
  model_id: number;
  page: number;
  created_at: string;
  metrics: string | null;
}

const PREDICTION_COLUMNS = 'id, image_id, model_id, page, created_at, metrics';

function toRecord(row: PredictionRow): PredictionRecord {
  return {
    id: row.id,
    imageId: row.image_id,
    modelId: row.model_id,
    page: row.page,
    createdAt: row.created_at,
    metrics: fromNullableJsonText(row.metrics),
  };
}

export function addPrediction(db: Db, prediction: NewPrediction): PredictionRecord {
  const image = requireImage(db, prediction.imageId);
  requireModel(db, prediction.modelId);
  requireWholeNumber(prediction.page, 'Page', 0);
  if (prediction.page >= image.pages)
    throw invalid(`Page ${prediction.page} does not exist in this image.`);
  if (prediction.classMap.length !== image.width * image.height) {
    throw invalid(
      `The prediction holds ${prediction.classMap.length} values; the image page has ${image.width * image.height} pixels.`,
    );
  }
  const { lastInsertRowid } = db
    .prepare(
      'INSERT INTO predictions (image_id, model_id, page, created_at, data, metrics) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      prediction.imageId,
      prediction.modelId,
      prediction.page,
      isoNow(),
      deflateBytes(prediction.classMap),
      prediction.metrics === undefined
        ? null
        : toJsonText(prediction.metrics, 'The prediction scores'),
    );
  const row = db
    .prepare<[number], PredictionRow>(`SELECT ${PREDICTION_COLUMNS} FROM predictions WHERE id = ?`)
    .get(Number(lastInsertRowid));
  if (!row) throw notFound(`Prediction ${lastInsertRowid}`);
  return toRecord(row);
}

/** Predictions of one image, newest first. */
export function listPredictions(db: Db, imageId: number): PredictionRecord[] {
  return db
    .prepare<[number], PredictionRow>(
      `SELECT ${PREDICTION_COLUMNS} FROM predictions WHERE image_id = ? ORDER BY created_at DESC, id DESC`,
    )
    .all(imageId)
    .map(toRecord);
}

export function readPredictionMap(
  db: Db,
  id: number,
): { width: number; height: number; data: Uint8Array } {
  const row = db
    .prepare<[number], { image_id: number; data: Buffer }>(
      'SELECT image_id, data FROM predictions WHERE id = ?',
    )
    .get(id);
  if (!row) throw notFound(`Prediction ${id}`);
  const { width, height } = requireImage(db, row.image_id);
  return { width, height, data: inflateBytes(row.data, width * height) };
}

export function removePrediction(db: Db, id: number): void {
  const { changes } = db.prepare('DELETE FROM predictions WHERE id = ?').run(id);
  if (changes === 0) throw notFound(`Prediction ${id}`);
}
