// Pyramids of the pages being viewed (imaging/pyramid.ts), built on first use and kept by a byte
// budget, least recently used dropped first. A 16k x 16k 16-bit page's pyramid takes about 170 MB.
import { buildPyramid, pyramidBytes, type PyramidLevel } from '../imaging/pyramid';
import { dtypeOf, pageView, type Raster } from '../imaging/raster';

const DEFAULT_BUDGET_BYTES = 512 * 1024 * 1024;

export class PyramidCache {
  private readonly entries = new Map<string, PyramidLevel[]>();
  private bytes = 0;

  constructor(private readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  /** Level 0 (the page itself, not copied) and every halved level above it. */
  levels(imageId: number, page: number, raster: Raster): PyramidLevel[] {
    const base: PyramidLevel = {
      width: raster.width,
      height: raster.height,
      data: pageView(raster, page),
    };
    const key = `${imageId}:${page}`;
    let upper = this.entries.get(key);
    if (upper) {
      this.entries.delete(key);
      this.entries.set(key, upper);
    } else {
      upper = buildPyramid(base, raster.channels, dtypeOf(raster));
      this.remember(key, upper);
    }
    return [base, ...upper];
  }

  /** Forgets an image's pyramids (its file was relinked or it left the project). */
  forget(imageId: number): void {
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(`${imageId}:`)) this.drop(key);
    }
  }

  get usedBytes(): number {
    return this.bytes;
  }

  private remember(key: string, levels: PyramidLevel[]): void {
    const size = pyramidBytes(levels);
    if (size > this.budgetBytes) return;
    while (this.bytes + size > this.budgetBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.drop(oldest.value);
    }
    this.entries.set(key, levels);
    this.bytes += size;
  }

  private drop(key: string): void {
    const levels = this.entries.get(key);
    if (!levels) return;
    this.entries.delete(key);
    this.bytes -= pyramidBytes(levels);
  }
}
