// Reads a whole TIFF into one Raster: every full-resolution page becomes a page of the stack.
// The steps are ordered so that nothing large is allocated until the header, the page list and
// the position of every block of image data have been checked against the file.
import { fail } from '../errors';
import { checkDecodedSize } from '../limits';
import {
  allocateSamples,
  bytesPerSample,
  rasterTypeOf,
  sampleBytes,
  type Raster,
  type RasterData,
} from '../raster';
import { convertPage, isDirectLayout } from './convert';
import { decompressChunk, MAX_EXPANSION, reverseBits } from './decompress';
import { TiffContainer, TRUNCATED } from './ifd';
import { readPageLayout, type PageLayout } from './page-layout';
import {
  swapToLittleEndian,
  undoFloatingPointPredictor,
  undoHorizontalDifferencing,
} from './predictor';
import { Compression, PredictorCode } from './tags';

const CHANNEL_NAMES: Readonly<Record<number, string>> = { 1: 'gray', 3: 'RGB', 4: 'RGBA' };

function describePage(layout: PageLayout): string {
  const type = layout.outDtype.startsWith('float')
    ? '32-bit float'
    : `${layout.outDtype.replace(/^u?int/, '')}-bit${layout.outDtype.startsWith('int') ? ' signed' : ''}`;
  const colour = CHANNEL_NAMES[layout.outChannels] ?? `${layout.outChannels}-channel`;
  return `${layout.width} x ${layout.height} ${type} ${colour}`;
}

function checkSameAsFirst(fileName: string, first: PageLayout, page: PageLayout, index: number) {
  if (describePage(page) !== describePage(first)) {
    fail(
      fileName,
      `the pages of this TIFF differ (page 1 is ${describePage(first)}, page ${index + 1} is ` +
        `${describePage(page)}); the studio opens a stack only when all pages share size and type`,
    );
  }
}

function planeCount(layout: PageLayout): number {
  return layout.planar ? layout.samplesPerPixel : 1;
}

function checkDataInFile(file: TiffContainer, layout: PageLayout): void {
  const { grid } = layout;
  const chunks = grid.across * grid.down * planeCount(layout);
  let stored = 0;
  for (let i = 0; i < chunks; i++) {
    const offset = grid.offsets[i]!;
    const count = grid.byteCounts[i]!;
    if (count > 0 && offset + count > file.bytes.length) fail(file.fileName, TRUNCATED);
    stored += count;
  }
  const needed = (layout.width * layout.height * layout.samplesPerPixel * layout.bitsPerSample) / 8;
  const expansion = MAX_EXPANSION[layout.compression] ?? 1;
  if (stored * expansion < needed) {
    fail(
      file.fileName,
      layout.compression === Compression.None
        ? TRUNCATED
        : 'the TIFF is damaged (it holds too little image data for its size)',
    );
  }
}

/** Decodes every strip or tile of one plane into `target` (rows of `planeRowBytes`). */
function decodePlane(file: TiffContainer, layout: PageLayout, plane: number, target: Uint8Array) {
  const { grid, bitsPerSample: bits, width, height } = layout;
  const samplesPerChunkPixel = layout.planar ? 1 : layout.samplesPerPixel;
  const planeRowBytes = Math.ceil((width * samplesPerChunkPixel * bits) / 8);
  const chunkRowBytes = Math.ceil((grid.chunkWidth * samplesPerChunkPixel * bits) / 8);
  const byteDepth = bits / 8;
  const swap = !file.littleEndian && bits >= 16;
  const writable = swap || layout.predictor !== PredictorCode.None;

  for (let cy = 0; cy < grid.down; cy++) {
    for (let cx = 0; cx < grid.across; cx++) {
      const index = plane * grid.across * grid.down + cy * grid.across + cx;
      const count = grid.byteCounts[index]!;
      if (count === 0) continue; // a sparse block: all zeros, as libtiff and GDAL read it
      const offset = grid.offsets[index]!;
      const y0 = cy * grid.chunkHeight;
      const rows = grid.tiled ? grid.chunkHeight : Math.min(grid.chunkHeight, height - y0);
      let raw = file.bytes.subarray(offset, offset + count);
      if (layout.reversedBits) raw = reverseBits(raw);
      const expected = rows * chunkRowBytes;
      const chunk = decompressChunk(file.fileName, layout.compression, raw, expected, writable);
      const samplesPerRow = grid.chunkWidth * samplesPerChunkPixel;
      if (layout.predictor === PredictorCode.FloatingPoint) {
        undoFloatingPointPredictor(chunk, rows, samplesPerRow, samplesPerChunkPixel, byteDepth);
      } else {
        if (swap) swapToLittleEndian(chunk, byteDepth);
        if (layout.predictor === PredictorCode.Horizontal) {
          undoHorizontalDifferencing(chunk, rows, samplesPerRow, samplesPerChunkPixel, byteDepth);
        }
      }
      const validRows = Math.min(rows, height - y0);
      if (!grid.tiled) {
        target.set(chunk.subarray(0, validRows * planeRowBytes), y0 * planeRowBytes);
        continue;
      }
      const x0 = cx * chunkRowBytes;
      const rowBytes = Math.min(chunkRowBytes, planeRowBytes - x0);
      for (let r = 0; r < validRows; r++) {
        const from = r * chunkRowBytes;
        target.set(chunk.subarray(from, from + rowBytes), (y0 + r) * planeRowBytes + x0);
      }
    }
  }
}

function decodePage(file: TiffContainer, layout: PageLayout, out: RasterData, page: number) {
  const pageSamples = layout.width * layout.height * layout.outChannels;
  if (isDirectLayout(layout)) {
    const bytes = sampleBytes(out);
    const pageBytes = pageSamples * out.BYTES_PER_ELEMENT;
    decodePlane(file, layout, 0, bytes.subarray(page * pageBytes, (page + 1) * pageBytes));
    return;
  }
  const samplesPerChunkPixel = layout.planar ? 1 : layout.samplesPerPixel;
  const planeBytes =
    Math.ceil((layout.width * samplesPerChunkPixel * layout.bitsPerSample) / 8) * layout.height;
  const planes: Uint8Array[] = [];
  for (let p = 0; p < planeCount(layout); p++) {
    const plane = new Uint8Array(planeBytes);
    decodePlane(file, layout, p, plane);
    planes.push(plane);
  }
  convertPage(layout, planes, out, page * pageSamples);
}

export function decodeTiff(bytes: Uint8Array, fileName: string): Raster {
  const file = new TiffContainer(bytes, fileName);
  const layouts: PageLayout[] = [];
  for (const ifd of file.readIfds()) {
    const layout = readPageLayout(file, ifd);
    if (layout) layouts.push(layout);
  }
  const first = layouts[0];
  if (!first) return fail(fileName, 'the TIFF holds no full-resolution image');
  layouts.forEach((layout, i) => checkSameAsFirst(fileName, first, layout, i));
  const { width, height, outChannels: channels, outDtype: dtype } = first;
  checkDecodedSize(fileName, {
    width,
    height,
    channels,
    pages: layouts.length,
    bytesPerSample: bytesPerSample(dtype),
  });
  for (const layout of layouts) checkDataInFile(file, layout);

  const data = allocateSamples(dtype, width * height * channels * layouts.length);
  layouts.forEach((layout, page) => decodePage(file, layout, data, page));
  return {
    width,
    height,
    channels,
    pages: layouts.length,
    ...rasterTypeOf(dtype),
    data,
  };
}
