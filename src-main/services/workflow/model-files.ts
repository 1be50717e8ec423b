// A project model's files on disk: the folder the store points at, the checkpoint inside it that
// predicts (best/, else last/), and its studio.json. The store keeps the model's row even when
// its folder has gone (deleted or moved by hand), so every reader here expects that.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ONNX_FILE, readCheckpointMetadata } from '../../engine/checkpoint/checkpoint-io';
import type { ModelMetadata } from '../../engine/checkpoint/model-metadata';
import { checkpointToUse } from '../../engine/jobs/model-dir';
import { AppError } from '../../ipc/app-error';
import type { ModelRecord, ProjectStore } from '../../store';

export interface ModelFiles {
  /** The model folder, absolute (the store keeps it relative to the project). */
  dir: string;
  /** The checkpoint that predicts. */
  checkpointDir: string;
  metadata: ModelMetadata;
  hasOnnx: boolean;
}

export function modelDirOf(store: ProjectStore, record: ModelRecord): string {
  return resolve(store.dir, record.dir);
}

/** The model's files, or undefined when its folder or checkpoint is gone or unreadable. */
export async function readModelFiles(
  store: ProjectStore,
  record: ModelRecord,
): Promise<ModelFiles | undefined> {
  const dir = modelDirOf(store, record);
  try {
    const { metadata, readable } = await readCheckpointMetadata(checkpointToUse(dir));
    return {
      dir,
      checkpointDir: readable,
      metadata,
      hasOnnx: existsSync(join(readable, ONNX_FILE)),
    };
  } catch {
    return undefined;
  }
}

export function requireModelRecord(store: ProjectStore, modelId: number): ModelRecord {
  const record = store.getModel(modelId);
  if (!record) throw new AppError('not-found', `Model ${modelId} is not in this project.`);
  return record;
}

/** The model's files, or a 'not-found' error that names the model and says what to do. */
export async function requireModelFiles(
  store: ProjectStore,
  record: ModelRecord,
): Promise<ModelFiles> {
  const files = await readModelFiles(store, record);
  if (!files) {
    throw new AppError(
      'not-found',
      `The files of the model "${record.name}" are no longer in ${modelDirOf(store, record)}, so it cannot be used. Put the folder back, or train a new model.`,
    );
  }
  return files;
}
