// The `segment` job: a trained model over a folder, one TIFF per input with the same base name.
// A file that cannot be read is reported and skipped; the rest are written. The network runs on
// ONNX Runtime where it loads (faster on a CPU than tfjs), else on the tfjs backend.
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { JobContext } from '../../compute/job-registry';
import { decodeImage } from '../../imaging/decode';
import { ImageReadError } from '../../imaging/errors';
import { toSingleChannelIfGray } from '../../imaging/display';
import { writeTiffFile } from '../../imaging/tiff-write';
import { listImageFiles } from '../../services/folder-listing';
import { describeFileError } from '../../services/file-errors';
import { loadBackend } from '../backend/load-backend';
import { loadCheckpoint } from '../checkpoint/checkpoint-io';
import type { ModelMetadata } from '../checkpoint/model-metadata';
import { stem } from '../data/pair-files';
import { resizeUNet } from '../network/build-unet';
import { instancesFromForeground, learnMinObjectSize } from '../postprocess';
import { argmaxClasses, classPlane } from '../predict/class-maps';
import { normaliseForNetwork } from '../predict/normalise';
import { openCheckpointSession } from '../onnx/open-checkpoint-session';
import { predictWithTileRunner, tfjsTileRunner, type TileRunner } from '../predict/overlap-tile';
import { choosePredictionTile } from '../predict/tile-budget';
import type { LayersModel } from '../tf-types';
import { checkpointToUse } from './model-dir';
import type {
  SegmentJobProgress,
  SegmentJobRequest,
  SegmentJobResult,
  SegmentOutput,
} from './job-types';
import type { MaskImage } from '../../imaging/tiff-write';

function isBinary(metadata: ModelMetadata): boolean {
  return metadata.network.numClasses === 2 && metadata.labelKind !== 'classes';
}

export function maskFromProbabilities(
  probabilities: Float32Array,
  width: number,
  height: number,
  metadata: ModelMetadata,
  write: SegmentOutput,
  minObjectSize: number,
): MaskImage {
  const pixels = width * height;
  const classes = metadata.network.numClasses;
  if (write === 'probabilities') {
    if (isBinary(metadata))
      return { width, height, data: classPlane(probabilities, pixels, classes, 1) };
    const data = new Float32Array(pixels * classes);
    for (let k = 0; k < classes; k++)
      data.set(classPlane(probabilities, pixels, classes, k), k * pixels);
    return { width, height, data, pages: classes };
  }
  const labels = argmaxClasses(probabilities, pixels, classes);
  if (write === 'instances') {
    const foreground = labels.map((k) => (k === 0 ? 0 : 1));
    const { instances } = instancesFromForeground(foreground, width, height, {
      minSize: minObjectSize,
      fillHoles: true,
    });
    return { width, height, data: Uint16Array.from(instances) };
  }
  if (isBinary(metadata)) return { width, height, data: labels.map((k) => (k === 1 ? 255 : 0)) };
  return { width, height, data: labels };
}

export async function segmentJob(
  request: SegmentJobRequest,
  context: JobContext<SegmentJobProgress>,
): Promise<SegmentJobResult> {
  const startedAt = Date.now();
  const backend = await loadBackend(request.backend);
  const { tf } = backend;
  const checkpoint = await loadCheckpoint(tf, checkpointToUse(request.modelDir));
  const { metadata } = checkpoint;
  const config = metadata.network;
  const minObjectSize = request.minObjectSize ?? metadata.minObjectSize ?? learnMinObjectSize([]);
  const files = await listImageFiles(request.inputDir);
  try {
    await mkdir(request.outDir, { recursive: true });
  } catch (error) {
    checkpoint.model.dispose();
    throw new Error(
      `The output folder ${request.outDir} cannot be created (${describeFileError(error)}).`,
      { cause: error },
    );
  }
  const engineChoice = request.engine ?? 'auto';
  // ONNX Runtime here runs on the CPU; where TensorFlow has the GPU, that is faster.
  const preferTfjs =
    engineChoice === 'tfjs' || (engineChoice === 'auto' && backend.name === 'tensorflow-gpu');
  const onnx = preferTfjs
    ? undefined
    : await openCheckpointSession(checkpoint.dir, checkpoint.model, metadata);
  if (onnx && !onnx.ok && engineChoice === 'onnxruntime') {
    checkpoint.model.dispose();
    throw new Error(`ONNX Runtime cannot run this model: ${onnx.reason}.`);
  }
  const onnxRunner = onnx?.ok ? onnx.runner : undefined;
  // tfjs models are built for one tile size; one ONNX session serves every size.
  const predictors = new Map<number, LayersModel>();
  const result: SegmentJobResult = {
    written: [],
    failed: [],
    backend: backend.name,
    engine: onnxRunner ? 'onnxruntime' : backend.name,
    ...(onnx && !onnx.ok ? { onnxSkipped: onnx.reason } : {}),
    tile: 0,
    seconds: 0,
  };
  const progress = (event: SegmentJobProgress) =>
    context.progress({ ...event, engine: result.engine });

  try {
    for (const [index, path] of files.entries()) {
      if (context.signal.aborted) break;
      const name = basename(path);
      try {
        const raster = toSingleChannelIfGray(
          decodeImage(new Uint8Array(await readFile(path)), name),
        );
        if (raster.channels !== config.inputChannels) {
          throw new Error(
            `it has ${raster.channels} channel(s) but the model was trained on ${config.inputChannels}`,
          );
        }
        if (raster.pages > 1) throw new Error('it is a stack of pages; segment single images');
        const image = normaliseForNetwork(
          raster.data,
          raster.width,
          raster.height,
          raster.channels,
          metadata.normalisation,
        );
        const tile = choosePredictionTile(config, raster.width, raster.height);
        result.tile = Math.max(result.tile, tile);
        let runner: TileRunner;
        if (onnxRunner) {
          runner = onnxRunner.atTileSize(tile);
        } else {
          let predictor = predictors.get(tile);
          if (!predictor) {
            predictor = resizeUNet(tf, checkpoint.model, config, tile);
            predictors.set(tile, predictor);
          }
          runner = tfjsTileRunner(tf, predictor);
        }
        const probabilities = await predictWithTileRunner(runner, config, image, {
          testTimeAugmentation: request.tta,
          signal: context.signal,
          onTile: (done, total) =>
            progress({
              done: index,
              total: files.length,
              file: name,
              imageFraction: done / total,
            }),
        });
        const mask = maskFromProbabilities(
          probabilities,
          raster.width,
          raster.height,
          metadata,
          request.write,
          minObjectSize,
        );
        const target = join(request.outDir, `${stem(name)}.tif`);
        await writeTiffFile(target, mask, { compression: 'deflate' });
        result.written.push(target);
        progress({ done: index + 1, total: files.length, file: name, imageFraction: 1 });
      } catch (error) {
        if (context.signal.aborted) break;
        // Image and file errors carry a reason in plain words; our own checks throw plain Errors.
        const reason =
          error instanceof ImageReadError || (error as { code?: unknown })?.code !== undefined
            ? describeFileError(error)
            : error instanceof Error
              ? error.message
              : String(error);
        result.failed.push({ file: name, reason });
        progress({
          done: index + 1,
          total: files.length,
          file: name,
          imageFraction: 1,
          failed: reason,
        });
      }
    }
  } finally {
    for (const predictor of predictors.values()) predictor.dispose();
    checkpoint.model.dispose();
    await onnxRunner?.release();
  }
  result.seconds = (Date.now() - startedAt) / 1000;
  return result;
}
