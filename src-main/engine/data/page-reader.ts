// Reads one page of an image file as the studio shows it (grey stored as RGB becomes one channel).
// A multi-page stack is decoded once for all its labelled pages: the reader keeps the last file.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeImage } from '../../imaging/decode';
import { toSingleChannelIfGray } from '../../imaging/display';
import { pageView, type Raster } from '../../imaging/raster';
import { AppError } from '../../ipc/app-error';

export class PageReader {
  private last: { path: string; raster: Raster } | undefined;

  /**
   * Page `page` of the file at `path`. With `contentHash`, the file must still hash to it: the
   * labels were painted on that image, and a changed file would silently train on wrong pairs.
   */
  async page(path: string, page: number, contentHash?: string): Promise<Raster> {
    const raster = await this.file(path, contentHash);
    if (!Number.isInteger(page) || page < 0 || page >= raster.pages) {
      throw new AppError(
        'not-found',
        `${basename(path)} has ${raster.pages} page(s); page ${page + 1} does not exist.`,
      );
    }
    if (raster.pages === 1) return raster;
    return { ...raster, pages: 1, data: pageView(raster, page) };
  }

  private async file(path: string, contentHash: string | undefined): Promise<Raster> {
    if (this.last?.path === path) return this.last.raster;
    const bytes = new Uint8Array(await readFile(path));
    if (contentHash !== undefined) {
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== contentHash) {
        throw new AppError(
          'file-changed',
          `${basename(path)} changed on disk after its labels were painted, so it was not used for training. Relink the original file, then train again.`,
        );
      }
    }
    const raster = toSingleChannelIfGray(decodeImage(bytes, basename(path)));
    this.last = { path, raster };
    return raster;
  }
}
