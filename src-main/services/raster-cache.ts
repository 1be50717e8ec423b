import type { Raster } from '../imaging/raster';

/**
 * Decoded images kept in memory by a byte budget (like cornerstone3D's cache), so flipping
 * between images does not decode the same file again, while a folder of large stacks cannot
 * exhaust memory. Least recently used goes first.
 */
export class RasterCache {
  private readonly entries = new Map<number, Raster>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(imageId: number): Raster | undefined {
    const raster = this.entries.get(imageId);
    if (raster) {
      this.entries.delete(imageId);
      this.entries.set(imageId, raster);
    }
    return raster;
  }

  set(imageId: number, raster: Raster): void {
    this.delete(imageId);
    const size = raster.data.byteLength;
    if (size > this.budgetBytes) return;
    while (this.bytes + size > this.budgetBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    this.entries.set(imageId, raster);
    this.bytes += size;
  }

  delete(imageId: number): void {
    const raster = this.entries.get(imageId);
    if (!raster) return;
    this.entries.delete(imageId);
    this.bytes -= raster.data.byteLength;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get sizeBytes(): number {
    return this.bytes;
  }
}
