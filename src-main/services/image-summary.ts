import { basename } from 'node:path';
import type { ImageSummary } from '../../src-preload/contract';
import type { ImageRecord } from '../store';

export function toImageSummary(record: ImageRecord): ImageSummary {
  return {
    id: record.id,
    name: basename(record.sourcePath),
    sourcePath: record.sourcePath,
    contentHash: record.contentHash,
    width: record.width,
    height: record.height,
    pages: record.pages,
    channels: record.channels,
    bitDepth: record.bitDepth,
    sampleFormat: record.sampleFormat,
    display: { low: record.displayLow, high: record.displayHigh },
    status: record.status,
  };
}
