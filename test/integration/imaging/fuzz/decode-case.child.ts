// One fuzz worker: decodes each file the parent sends, then draws it (display window and
// thumbnail) when it decoded, and reports what happened. It runs in its own process so that a
// hang, a crash or runaway memory in a decoder shows up as a failed case instead of taking the
// test runner down; the parent enforces the time and memory limits.
import { decodeImage } from '../../../../src-main/imaging/decode';
import { computeDisplayRange, makeThumbnail } from '../../../../src-main/imaging/display';
import { ImageReadError } from '../../../../src-main/imaging/errors';
import type { CaseOutcome, CaseReply, CaseRequest } from './protocol';

function describeThrow(error: unknown): CaseOutcome {
  if (error instanceof ImageReadError) {
    const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : '';
    return { kind: 'refused', reason: error.reason, message: error.message, cause };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'threw', name: e.name, message: e.message, stack: e.stack ?? '' };
}

function decodeAndDraw(request: CaseRequest): CaseOutcome {
  let raster;
  try {
    raster = decodeImage(request.bytes, request.fileName);
  } catch (error) {
    return describeThrow(error);
  }
  const { width, height, channels, pages, bitDepth, sampleFormat, data } = raster;
  try {
    const range = computeDisplayRange(raster);
    const thumbnail = makeThumbnail(raster, range, 16);
    return {
      kind: 'raster',
      width,
      height,
      channels,
      pages,
      bitDepth,
      sampleFormat,
      dataLength: data.length,
      bytesPerElement: data.BYTES_PER_ELEMENT,
      range,
      thumbnailBytes: thumbnail.rgba.length,
      thumbnailPixels: thumbnail.width * thumbnail.height,
    };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: 'threw', name: `display: ${e.name}`, message: e.message, stack: e.stack ?? '' };
  }
}

process.on('message', (request: CaseRequest) => {
  const outcome = decodeAndDraw(request);
  const reply: CaseReply = {
    caseNumber: request.caseNumber,
    outcome,
    peakRssKiB: process.resourceUsage().maxRSS,
  };
  process.send!(reply);
});
process.send!({ ready: true });
