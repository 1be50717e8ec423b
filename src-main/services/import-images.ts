// Adding a folder of images to a project: each file is hashed, decoded once to learn its
// shape and a display window, and recorded by reference. A bad file is reported by name and
// the rest of the folder still imports.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { FileProblem, ImportReport } from '../../src-preload/contract';
import { decodeImage } from '../imaging/decode';
import { computeDisplayRange, makeThumbnail, toSingleChannelIfGray } from '../imaging/display';
import type { Raster } from '../imaging/raster';
import type { ProjectStore } from '../store';
import { describeFileError } from './file-errors';
import { fileStamp, hashBytes } from './file-identity';
import { listImageFiles } from './folder-listing';
import { toImageSummary } from './image-summary';

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
  failed: boolean;
}

/** Decode as the studio sees an image: grey data stored as RGB(A) becomes one channel. */
export function decodeForStudio(bytes: Uint8Array, fileName: string): Raster {
  return toSingleChannelIfGray(decodeImage(bytes, fileName));
}

export async function importFolder(
  store: ProjectStore,
  folder: string,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportReport> {
  const files = await listImageFiles(resolve(folder));
  const report: ImportReport = { added: [], alreadyPresent: [], failed: [] };

  for (const [index, path] of files.entries()) {
    const name = basename(path);
    let failure: FileProblem | undefined;
    try {
      const bytes = new Uint8Array(await readFile(path));
      const contentHash = hashBytes(bytes);
      if (store.findImagesByHash(contentHash).length > 0) {
        report.alreadyPresent.push(name);
      } else {
        const raster = decodeForStudio(bytes, name);
        const display = computeDisplayRange(raster);
        const stamp = await fileStamp(path);
        const record = store.addImage({
          sourcePath: path,
          contentHash,
          fileSize: stamp?.size ?? bytes.byteLength,
          fileMtimeMs: stamp?.mtimeMs ?? 0,
          width: raster.width,
          height: raster.height,
          pages: raster.pages,
          channels: raster.channels,
          bitDepth: raster.bitDepth,
          sampleFormat: raster.sampleFormat,
          displayLow: display.low,
          displayHigh: display.high,
          thumbnail: makeThumbnail(raster, display),
        });
        report.added.push(toImageSummary(record));
      }
    } catch (error) {
      failure = { file: name, reason: describeFileError(error) };
      report.failed.push(failure);
    }
    onProgress({ done: index + 1, total: files.length, file: name, failed: failure !== undefined });
    // Let progress events and other requests through between files.
    await new Promise((resolveTick) => setImmediate(resolveTick));
  }
  return report;
}
