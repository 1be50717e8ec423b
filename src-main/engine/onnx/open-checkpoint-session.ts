// ONNX Runtime for a loaded checkpoint: its model.onnx, or, for checkpoints saved before the
// studio wrote one, an export of the model already in memory (a fraction of a second).
// Every failure is a reason in plain words: the caller falls back to tfjs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ONNX_FILE } from '../checkpoint/checkpoint-io';
import type { ModelMetadata } from '../checkpoint/model-metadata';
import type { LayersModel } from '../tf-types';
import { exportUNetToOnnx } from './export-unet';
import { loadOnnxRuntime } from './load-onnx-runtime';
import {
  createOnnxTileRunner,
  type OnnxTileRunner,
  type OnnxTileRunnerOptions,
} from './onnx-tile-runner';

export type CheckpointSession =
  { ok: true; runner: OnnxTileRunner } | { ok: false; reason: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function openCheckpointSession(
  dir: string,
  model: LayersModel,
  metadata: ModelMetadata,
  options: OnnxTileRunnerOptions = {},
): Promise<CheckpointSession> {
  const runtime = await loadOnnxRuntime();
  if (!runtime.ok) return runtime;
  const saved = join(dir, ONNX_FILE);
  let source: string | Uint8Array = saved;
  if (!existsSync(saved)) {
    try {
      source = exportUNetToOnnx(model, metadata.network, { classNames: metadata.classNames });
    } catch (error) {
      return { ok: false, reason: `the model cannot be exported to ONNX (${messageOf(error)})` };
    }
  }
  try {
    return { ok: true, runner: await createOnnxTileRunner(source, options) };
  } catch (error) {
    return { ok: false, reason: `ONNX Runtime cannot open the model (${messageOf(error)})` };
  }
}
