// Checkpoints in the standard TF.js layers format (model.json + weights.bin), with the studio's
// metadata (studio.json) and the optimizer's state (optimizer.bin, for resuming) beside them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayersModel, Tf } from '../tf-types';
import { readableDirectory, writeDirectoryAtomically } from './atomic-dir';
import type { ModelMetadata } from './model-metadata';

type Optimizer = import('@tensorflow/tfjs').Optimizer;
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

export async function saveCheckpoint(
  tf: Tf,
  dir: string,
  model: LayersModel,
  metadata: ModelMetadata,
  optimizer?: Optimizer,
): Promise<void> {
  const files: Record<string, Uint8Array | string> = {
    'studio.json': JSON.stringify(metadata, null, 2),
  };
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
  await writeDirectoryAtomically(dir, files);
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
