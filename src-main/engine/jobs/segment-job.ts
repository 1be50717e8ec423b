// The `segment` job: a trained model over a folder, one TIFF per input with the same base name.
// A file that cannot be read is reported and skipped; the rest are written. What runs the
// network (ONNX Runtime where it loads, else tfjs) is decided in prediction-engine.ts.
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { JobContext } from '../../compute/job-registry';
import { decodeImage } from '../../imaging/decode';
import { ImageReadError } from '../../imaging/errors';
import { toSingleChannelIfGray } from '../../imaging/display';
import { writeTiffFile } from '../../imaging/tiff-write';
import { listImageFiles } from '../../services/folder-listing';
import { describeFileError } from '../../services/file-errors';
import { stem } from '../data/pair-files';
import { learnMinObjectSize } from '../postprocess';
import { choosePredictionTile } from '../predict/tile-budget';
import type { SegmentJobProgress, SegmentJobRequest, SegmentJobResult } from './job-types';
import { rawNetworkInput } from './network-input';
import { openPredictionEngine } from './prediction-engine';
import { predictMask } from './segment-mask';

export async function segmentJob(
  request: SegmentJobRequest,
  context: JobContext<SegmentJobProgress>,
): Promise<SegmentJobResult> {
  const startedAt = Date.now();
  const files = await listImageFiles(request.inputDir);
  try {
    await mkdir(request.outDir, { recursive: true });
  } catch (error) {
    throw new Error(
      `The output folder ${request.outDir} cannot be created (${describeFileError(error)}).`,
      { cause: error },
    );
  }
  const engine = await openPredictionEngine(request.modelDir, {
    backend: request.backend,
    ...(request.engine ? { engine: request.engine } : {}),
  });
  const { metadata } = engine;
  const config = metadata.network;
  const minObjectSize = request.minObjectSize ?? metadata.minObjectSize ?? learnMinObjectSize([]);
  const result: SegmentJobResult = {
    written: [],
    failed: [],
    backend: engine.backend,
    engine: engine.engine,
    ...(engine.onnxSkipped !== undefined ? { onnxSkipped: engine.onnxSkipped } : {}),
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
        if (raster.pages > 1) throw new Error('it is a stack of pages; segment single images');
        // Normalised tile by tile: a whole normalised copy would double a large page.
        const image = rawNetworkInput(raster, 0, metadata);
        const tile = choosePredictionTile(config, raster.width, raster.height);
        result.tile = Math.max(result.tile, tile);
        const mask = await predictMask(
          engine.runnerAt(tile),
          image,
          metadata,
          request.write,
          minObjectSize,
          {
            testTimeAugmentation: request.tta,
            signal: context.signal,
            onTile: (done, total) =>
              progress({
                done: index,
                total: files.length,
                file: name,
                imageFraction: done / total,
              }),
          },
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
    await engine.release();
  }
  result.seconds = (Date.now() - startedAt) / 1000;
  return result;
}
