import { createHash } from 'node:crypto';
import { sampleBytes, type RasterData } from '../../../../src-main/imaging/raster';

/** SHA-256 over the samples as little-endian bytes, the same digest the Python helper prints. */
export function sampleDigest(data: RasterData): string {
  return createHash('sha256').update(sampleBytes(data)).digest('hex');
}
