// Checkpoints in the standard TF.js layers format (model.json + weights.bin), with the studio's
// metadata (studio.json), the optimizer's state (optimizer.bin, for resuming) and the same
// network as ONNX (model.onnx, for ONNX Runtime and other tools) beside them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayersModel, Tf } from '../tf-types';
import { AppError } from '../../ipc/app-error';
import { readableDirectory, writeDirectoryAtomically } from './atomic-dir';
import type { ModelMetadata } from './model-metadata';
import { exportUNetToOnnx } from '../onnx/export-unet';

type Optimizer = import('@tensorflow/tfjs').Optimizer;

export const ONNX_FILE = 'model.onnx';
type WeightsManifestEntry = import('@tensorflow/tfjs').io.WeightsManifestEntry;

interface OptimizerFile {
  specs: WeightsManifestEntry[];
}

function bytesOf(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  if (Array.isArray(data)) {
    const total = data.reduce((sum, part) => sum + part.byteLength, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const part of data) {
      out.set(new Uint8Array(part), offset);
      offset += part.byteLength;
    }
    return out;
  }
  return new Uint8Array(data);
}

export interface SavedCheckpoint {
  /** Why model.onnx is missing, if it is. */
  onnxError?: string;
}

/**
 * The export reads the same weights and cannot fail for a network that buildUNet made; if it
 * does (a model that does not match metadata.network), that must not cost the training its
 * checkpoint. The checkpoint is written without model.onnx and the reason is returned; the
 * segment job exports again from the loaded model and falls back to tfjs with that reason.
 */
function onnxFile(
  model: LayersModel,
  metadata: ModelMetadata,
): { bytes: Uint8Array } | { error: string } {
  try {
    return {
      bytes: exportUNetToOnnx(model, metadata.network, { classNames: metadata.classNames }),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** A full disk is something the person can fix: say so, and that nothing saved was lost. */
function explainSaveError(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError(
      'disk-full',
      'The model could not be saved because the disk is full. The last saved model is kept; free some space, then resume training to continue from it.',
    );
  }
  return error;
}

export async function saveCheckpoint(
  tf: Tf,
  dir: string,
  model: LayersModel,
  metadata: ModelMetadata,
  optimizer?: Optimizer,
): Promise<SavedCheckpoint> {
  const files: Record<string, Uint8Array | string> = {
    'studio.json': JSON.stringify(metadata, null, 2),
  };
  const onnx = onnxFile(model, metadata);
  if ('bytes' in onnx) files[ONNX_FILE] = onnx.bytes;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      files['weights.bin'] = bytesOf(artifacts.weightData!);
      files['model.json'] = JSON.stringify({
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      });
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (optimizer) {
    const weights = await optimizer.getWeights();
    const encoded = await tf.io.encodeWeights(weights);
    // getWeights() returns the optimizer's own variables plus fresh tensors (the iteration
    // count): those are ours to dispose.
    for (const { tensor } of weights) if (!(tensor instanceof tf.Variable)) tensor.dispose();
    files['optimizer.bin'] = bytesOf(encoded.data);
    files['optimizer.json'] = JSON.stringify({ specs: encoded.specs } satisfies OptimizerFile);
  }
  try {
    await writeDirectoryAtomically(dir, files);
  } catch (error) {
    throw explainSaveError(error);
  }
  return 'error' in onnx ? { onnxError: onnx.error } : {};
}

export interface LoadedCheckpoint {
  model: LayersModel;
  metadata: ModelMetadata;
  dir: string;
}

/** The checkpoint's studio.json alone, without loading the model. */
export async function readCheckpointMetadata(
  dir: string,
): Promise<{ metadata: ModelMetadata; readable: string }> {
  const readable = readableDirectory(dir);
  if (!readable) throw new Error(`There is no saved model in ${dir}.`);
  const metadata = JSON.parse(
    await readFile(join(readable, 'studio.json'), 'utf8'),
  ) as ModelMetadata;
  if (metadata.format !== 'unet-studio-model')
    throw new Error(`${dir} does not hold a U-Net Studio model.`);
  return { metadata, readable };
}

export async function loadCheckpoint(tf: Tf, dir: string): Promise<LoadedCheckpoint> {
  const { metadata, readable } = await readCheckpointMetadata(dir);
  const modelJson = JSON.parse(await readFile(join(readable, 'model.json'), 'utf8'));
  const weights = await readFile(join(readable, 'weights.bin'));
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      // A fresh copy owns a plain ArrayBuffer (a Buffer's may be a shared pool slice).
      weightData: new Uint8Array(weights).buffer as ArrayBuffer,
    }),
  );
  return { model, metadata, dir: readable };
}

/** Restores an optimizer's state (moments, iteration count) saved with a checkpoint. */
export async function restoreOptimizer(
  tf: Tf,
  dir: string,
  optimizer: Optimizer,
): Promise<boolean> {
  const readable = readableDirectory(dir);
  if (!readable) return false;
  let file: OptimizerFile;
  let data: Buffer;
  try {
    file = JSON.parse(await readFile(join(readable, 'optimizer.json'), 'utf8')) as OptimizerFile;
    data = await readFile(join(readable, 'optimizer.bin'));
  } catch {
    return false;
  }
  const map = tf.io.decodeWeights(new Uint8Array(data).buffer as ArrayBuffer, file.specs);
  // Optimizers match slots to variables by position, in the order the specs were saved.
  await optimizer.setWeights(
    file.specs.map((spec) => ({ name: spec.name, tensor: map[spec.name]! })),
  );
  // The optimizer made variables of its own from these; the decoded tensors are ours.
  tf.dispose(Object.values(map));

  return true;
}
