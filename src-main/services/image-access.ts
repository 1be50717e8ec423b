// Reading a project's source image again, for display or computation. The project references
// files where they are; before trusting a file we check it is still the same content.
import { readFile } from 'node:fs/promises';
import type { ImageRecord, ProjectStore } from '../store';
import { copyRegion } from '../imaging/pyramid';
import { dtypeOf, type Raster, type RasterData } from '../imaging/raster';
import { AppError } from '../ipc/app-error';
import { fileStamp, hashBytes } from './file-identity';
import { decodeForStudio } from './import-images';
import { PyramidCache } from './pyramid-cache';
import { RasterCache } from './raster-cache';
import { basename } from 'node:path';

const DEFAULT_CACHE_BYTES = 1024 * 1024 * 1024;

export class ImageAccess {
  private readonly cache: RasterCache;
  private readonly pyramids = new PyramidCache();

  constructor(
    private readonly store: ProjectStore,
    cacheBytes = DEFAULT_CACHE_BYTES,
  ) {
    this.cache = new RasterCache(cacheBytes);
  }

  requireRecord(imageId: number): ImageRecord {
    const record = this.store.getImage(imageId);
    if (!record) throw new AppError('not-found', `Image ${imageId} is not in this project.`);
    return record;
  }

  async raster(imageId: number): Promise<Raster> {
    const cached = this.cache.get(imageId);
    if (cached) return cached;
    const record = this.requireRecord(imageId);
    const bytes = await this.readVerified(record);
    const raster = decodeForStudio(bytes, basename(record.sourcePath));
    this.cache.set(imageId, raster);
    return raster;
  }

  /** The decoded image, refused in plain words when it has no page `page`. */
  async rasterWithPage(imageId: number, page: number): Promise<Raster> {
    const raster = await this.raster(imageId);
    if (page >= raster.pages) {
      throw new AppError(
        'not-found',
        `This image has ${raster.pages} page(s); page ${page + 1} does not exist.`,
      );
    }
    return raster;
  }

  /**
   * A rectangle of one pyramid level of a page, clipped to the level's edge: what a view of a
   * large image asks for, a screen's worth at a time.
   */
  async region(
    imageId: number,
    page: number,
    request: { level: number; x: number; y: number; width: number; height: number },
  ): Promise<{
    data: RasterData;
    width: number;
    height: number;
    levels: number;
    levelWidth: number;
    levelHeight: number;
    raster: Raster;
  }> {
    const raster = await this.rasterWithPage(imageId, page);
    const levels = this.pyramids.levels(imageId, page, raster);
    const level = levels[request.level];
    if (!level) {
      throw new AppError(
        'not-found',
        `This image has ${levels.length} zoom levels; level ${request.level} does not exist.`,
      );
    }
    if (request.x >= level.width || request.y >= level.height) {
      throw new AppError(
        'not-found',
        `The region starts outside the ${level.width} x ${level.height} image.`,
      );
    }
    const width = Math.min(request.width, level.width - request.x);
    const height = Math.min(request.height, level.height - request.y);
    const data = copyRegion(
      level,
      raster.channels,
      dtypeOf(raster),
      request.x,
      request.y,
      width,
      height,
    );
    return {
      data,
      width,
      height,
      levels: levels.length,
      levelWidth: level.width,
      levelHeight: level.height,
      raster,
    };
  }

  /** Reads the source file and refuses it if it is missing or no longer the imported image. */
  private async readVerified(record: ImageRecord): Promise<Uint8Array> {
    const name = basename(record.sourcePath);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(record.sourcePath));
    } catch {
      this.store.setImageStatus(record.id, 'missing');
      throw new AppError(
        'file-missing',
        `"${name}" is no longer at ${record.sourcePath}. If it was moved, relink it to its new place.`,
      );
    }
    if (hashBytes(bytes) !== record.contentHash) {
      this.store.setImageStatus(record.id, 'changed');
      throw new AppError(
        'file-changed',
        `"${name}" was changed on disk since it was added, so its labels may no longer fit. Relink it to the original file.`,
      );
    }
    if (record.status !== 'ok') this.store.setImageStatus(record.id, 'ok');
    return bytes;
  }

  /** Quick check of every image: size and time first, the full hash only when those differ. */
  async checkAll(): Promise<{ imageId: number; status: ImageRecord['status'] }[]> {
    const results = [];
    for (const record of this.store.listImages()) {
      const stamp = await fileStamp(record.sourcePath);
      let status: ImageRecord['status'] = 'ok';
      if (!stamp) status = 'missing';
      else if (stamp.size !== record.fileSize || stamp.mtimeMs !== record.fileMtimeMs) {
        const bytes = new Uint8Array(await readFile(record.sourcePath));
        status = hashBytes(bytes) === record.contentHash ? 'ok' : 'changed';
        if (status === 'ok')
          this.store.relinkImage(record.id, record.sourcePath, stamp.size, stamp.mtimeMs);
      }
      if (status !== record.status) this.store.setImageStatus(record.id, status);
      if (status !== 'ok') this.cache.delete(record.id);
      results.push({ imageId: record.id, status });
    }
    return results;
  }

  /** Points an image at a new file, accepted only if its content is the imported image's. */
  async relink(imageId: number, path: string): Promise<ImageRecord> {
    const record = this.requireRecord(imageId);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch {
      throw new AppError('not-found', `There is no readable file at ${path}.`);
    }
    if (hashBytes(bytes) !== record.contentHash) {
      throw new AppError(
        'file-changed',
        `${basename(path)} is not the same image as "${basename(record.sourcePath)}" (its content differs), so it was not linked.`,
      );
    }
    const stamp = await fileStamp(path);
    this.store.relinkImage(imageId, path, stamp?.size ?? bytes.byteLength, stamp?.mtimeMs ?? 0);
    this.store.setImageStatus(imageId, 'ok');
    this.cache.delete(imageId);
    return this.requireRecord(imageId);
  }

  forget(imageId: number): void {
    this.cache.delete(imageId);
  }

  dispose(): void {
    this.cache.clear();
  }
}
