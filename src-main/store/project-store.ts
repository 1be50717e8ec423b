// A project: a folder holding project.sqlite and a models/ folder. ProjectStore is the one
// door to the database; each method is a thin, error-translating call into a table module.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ClassDef, ImageStatus } from '../../src-preload/contract';
import * as classes from './classes';
import { isoNow } from './column-values';
import type { Db } from './connection';
import { openConnection } from './connection';
import * as images from './images';
import type { ImageRecord, NewImage, ThumbnailPixels } from './images';
import * as labels from './label-tiles';
import type { LabelMapPixels, TileWrite } from './label-tiles';
import { migrate } from './migrate';
import * as models from './models';
import type { ModelRecord, NewModel } from './models';
import * as predictions from './predictions';
import type { NewPrediction, PredictionRecord } from './predictions';
import { integrityCheck, probeProjectFile } from './project-probe';
import * as settings from './settings';
import { guarded, invalid, MESSAGES, StoreError } from './store-error';
import * as runs from './training-runs';
import type { NewTrainingRun, TrainingRunRecord, TrainingRunUpdate } from './training-runs';

export const PROJECT_FILE = 'project.sqlite';
export const MODELS_DIR = 'models';

const NO_PROJECT =
  'There is no U-Net Studio project in this folder. Create a new project here, or choose the folder that holds project.sqlite.';
const NOT_A_PROJECT =
  'The file project.sqlite in this folder was not made by U-Net Studio, so the studio will not open or change it.';
const PROJECT_EXISTS =
  'This folder already holds a U-Net Studio project. Open it instead, or choose an empty folder for the new project.';

/** Whether creating a project at `file` would overwrite something. Never overwrite. */
function holdsSomething(file: string): boolean {
  try {
    const { kind } = probeProjectFile(file);
    return kind !== 'absent' && kind !== 'empty';
  } catch (error) {
    if (error instanceof StoreError && ['project-newer', 'project-corrupt'].includes(error.code))
      return true;
    throw error;
  }
}

export class ProjectStore {
  private constructor(
    readonly dir: string,
    private readonly db: Db,
    readonly schemaVersion: number,
  ) {}

  /** Makes a new project in `dir` (created if needed). The name defaults to the folder's. */
  static create(dir: string, options: { name?: string } = {}): ProjectStore {
    const root = resolve(dir);
    const name = (options.name ?? basename(root)).trim();
    if (name.length === 0) throw invalid('A project needs a name.');
    return guarded(() => {
      mkdirSync(root, { recursive: true });
      const file = join(root, PROJECT_FILE);
      if (holdsSomething(file)) throw new StoreError('project-exists', PROJECT_EXISTS);
      const db = openConnection(file, { create: true });
      try {
        // The schema and the project row arrive together or not at all; an interrupted create
        // leaves an empty file that the next create reuses.
        const version = db
          .transaction(() => {
            const { from, to } = migrate(db);
            if (from !== 0) throw new StoreError('project-exists', PROJECT_EXISTS); // lost a race
            db.prepare('INSERT INTO project (id, name, created_at) VALUES (1, ?, ?)').run(
              name,
              isoNow(),
            );
            return to;
          })
          .immediate();
        mkdirSync(join(root, MODELS_DIR), { recursive: true });
        return new ProjectStore(root, db, version);
      } catch (error) {
        db.close();
        throw error;
      }
    });
  }

  /** Opens the project in `dir`, bringing an older format up to date. */
  static open(dir: string): ProjectStore {
    const root = resolve(dir);
    return guarded(() => {
      const file = join(root, PROJECT_FILE);
      // Refuses newer and damaged files before anything could write to them.
      const probe = probeProjectFile(file);
      if (probe.kind !== 'project') {
        throw new StoreError(
          'no-project',
          probe.kind === 'absent' || probe.kind === 'empty' ? NO_PROJECT : NOT_A_PROJECT,
        );
      }
      const db = openConnection(file, { create: false });
      try {
        const { to } = migrate(db);
        mkdirSync(join(root, MODELS_DIR), { recursive: true });
        return new ProjectStore(root, db, to);
      } catch (error) {
        db.close();
        throw error;
      }
    });
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Where model weights live; ModelRecord.dir is relative to `dir`, not to this. */
  get modelsDir(): string {
    return join(this.dir, MODELS_DIR);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private use<T>(work: (db: Db) => T): T {
    if (!this.db.open) throw new StoreError('no-project', MESSAGES.closed);
    return guarded(() => work(this.db));
  }

  info(): { name: string; createdAt: string } {
    return this.use((db) => {
      const row = db
        .prepare<[], { name: string; created_at: string }>(
          'SELECT name, created_at FROM project WHERE id = 1',
        )
        .get();
      if (!row) throw new StoreError('project-corrupt', MESSAGES.corrupt);
      return { name: row.name, createdAt: row.created_at };
    });
  }

  /** The rows of PRAGMA integrity_check: ['ok'] when the file is sound. */
  integrityCheck(): string[] {
    return this.use(integrityCheck);
  }

  // Images ------------------------------------------------------------------------------------

  addImage(image: NewImage): ImageRecord {
    return this.use((db) => images.addImage(db, image));
  }
  listImages(): ImageRecord[] {
    return this.use(images.listImages);
  }
  getImage(id: number): ImageRecord | undefined {
    return this.use((db) => images.getImage(db, id));
  }
  findImagesByHash(contentHash: string): ImageRecord[] {
    return this.use((db) => images.findImagesByHash(db, contentHash));
  }
  imageCount(): number {
    return this.use(images.imageCount);
  }
  getThumbnail(id: number): ThumbnailPixels | undefined {
    return this.use((db) => images.getThumbnail(db, id));
  }
  setDisplayRange(id: number, low: number, high: number): void {
    this.use((db) => images.setDisplayRange(db, id, low, high));
  }
  setImageStatus(id: number, status: ImageStatus): void {
    this.use((db) => images.setImageStatus(db, id, status));
  }
  /** The caller has checked that the file at `newPath` has the image's content hash. */
  relinkImage(id: number, newPath: string, fileSize: number, fileMtimeMs: number): void {
    this.use((db) => images.relinkImage(db, id, newPath, fileSize, fileMtimeMs));
  }
  /** Removes the image with its labels and predictions; the source file is not touched. */
  removeImage(id: number): void {
    this.use((db) => images.removeImage(db, id));
  }

  // Classes -----------------------------------------------------------------------------------

  listClasses(): ClassDef[] {
    return this.use(classes.listClasses);
  }
  saveClasses(set: readonly ClassDef[]): ClassDef[] {
    return this.use((db) => classes.saveClasses(db, set));
  }

  // Labels ------------------------------------------------------------------------------------

  writeLabelTiles(
    imageId: number,
    page: number,
    tiles: readonly TileWrite[],
  ): { revision: number; tilesWritten: number } {
    return this.use((db) => labels.writeLabelTiles(db, imageId, page, tiles));
  }
  readLabelMap(imageId: number, page: number): LabelMapPixels {
    return this.use((db) => labels.readLabelMap(db, imageId, page));
  }
  readLabelTile(imageId: number, page: number, tx: number, ty: number): Uint8Array | undefined {
    return this.use((db) => labels.readLabelTile(db, imageId, page, tx, ty));
  }
  labelledTileCount(imageId?: number): number {
    return this.use((db) => labels.labelledTileCount(db, imageId));
  }

  // Training runs and models ------------------------------------------------------------------

  createTrainingRun(run: NewTrainingRun): TrainingRunRecord {
    return this.use((db) => runs.createTrainingRun(db, run));
  }
  updateTrainingRun(id: number, update: TrainingRunUpdate): TrainingRunRecord {
    return this.use((db) => runs.updateTrainingRun(db, id, update));
  }
  getTrainingRun(id: number): TrainingRunRecord | undefined {
    return this.use((db) => runs.getTrainingRun(db, id));
  }
  listTrainingRuns(): TrainingRunRecord[] {
    return this.use(runs.listTrainingRuns);
  }

  createModel(model: NewModel): ModelRecord {
    return this.use((db) => models.createModel(db, model));
  }
  getModel(id: number): ModelRecord | undefined {
    return this.use((db) => models.getModel(db, id));
  }
  listModels(): ModelRecord[] {
    return this.use(models.listModels);
  }
  renameModel(id: number, name: string): ModelRecord {
    return this.use((db) => models.renameModel(db, id, name));
  }
  setModelMetrics(id: number, metrics: unknown): void {
    this.use((db) => models.setModelMetrics(db, id, metrics));
  }
  /** Forgets the model and its predictions; deleting its weight files is the caller's job. */
  removeModel(id: number): void {
    this.use((db) => models.removeModel(db, id));
  }

  // Predictions -------------------------------------------------------------------------------

  addPrediction(prediction: NewPrediction): PredictionRecord {
    return this.use((db) => predictions.addPrediction(db, prediction));
  }
  listPredictions(imageId: number): PredictionRecord[] {
    return this.use((db) => predictions.listPredictions(db, imageId));
  }
  readPredictionMap(id: number): { width: number; height: number; data: Uint8Array } {
    return this.use((db) => predictions.readPredictionMap(db, id));
  }
  removePrediction(id: number): void {
    this.use((db) => predictions.removePrediction(db, id));
  }

  // Settings ----------------------------------------------------------------------------------

  getSetting(key: string): unknown {
    return this.use((db) => settings.getSetting(db, key));
  }
  setSetting(key: string, value: unknown): void {
    this.use((db) => settings.setSetting(db, key, value));
  }
  deleteSetting(key: string): void {
    this.use((db) => settings.deleteSetting(db, key));
  }
}
