// The project store's public face. Code outside store/ imports from here only.
export { PROJECT_FILE, MODELS_DIR, ProjectStore } from './project-store';
export { StoreError } from './store-error';
export { LATEST_SCHEMA_VERSION } from './migrate';
export { TILE_PIXELS, extractTile, tileGrid } from './label-geometry';
export type { BitDepth, ImageRecord, NewImage, ThumbnailPixels } from './images';
export type { LabelMapPixels, TileWrite } from './label-tiles';
export type { ModelRecord, NewModel } from './models';
export type { NewPrediction, PredictionRecord } from './predictions';
export { TRAINING_RUN_STATUSES } from './training-runs';
export type {
  NewTrainingRun,
  TrainingRunRecord,
  TrainingRunStatus,
  TrainingRunUpdate,
} from './training-runs';
