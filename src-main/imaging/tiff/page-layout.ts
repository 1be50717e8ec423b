// Reads one directory's tags into a checked description of the page: what is stored (bits,
// sample type, colour model, compression, strips or tiles) and what the raster will hold. Every
// combination the reader cannot handle is refused here, with a reason a biologist can act on,
// before any pixel memory is allocated.
import { fail } from '../errors';
import { checkDecodedSize } from '../limits';
import { bytesPerSample, dtypeFor, type BitDepth, type PixelDtype } from '../raster';
import type { Ifd, TiffContainer } from './ifd';
import {
  Compression,
  Photometric,
  PHOTOMETRIC_NAMES,
  PredictorCode,
  SampleFormatCode,
  Tag,
  UNSUPPORTED_COMPRESSION_NAMES,
} from './tags';

export interface ChunkGrid {
  tiled: boolean;
  /** Tile width, or the image width for strips. */
  chunkWidth: number;
  /** Tile length, or rows per strip. */
  chunkHeight: number;
  across: number;
  down: number;
  offsets: number[];
  byteCounts: number[];
}

export interface PageLayout {
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample: number;
  sampleFormat: number;
  photometric: number;
  compression: number;
  predictor: number;
  /** Each sample in its own plane (PlanarConfiguration 2). */
  planar: boolean;
  /** FillOrder 2: bits stored least significant first. */
  reversedBits: boolean;
  colorMap: number[] | null;
  grid: ChunkGrid;
  /** Samples per pixel kept in the raster (an alpha beside gray is dropped). */
  outChannels: number;
  outDtype: PixelDtype;
}

const SUPPORTED_COMPRESSIONS: readonly number[] = Object.values(Compression);

const READABLE = 'the studio reads uncompressed, LZW, Deflate/ZIP and PackBits TIFFs';

function sampleTypeProblem(bits: number, format: number): string | null {
  if (format === 5 || format === 6) return 'unsupported sample format: complex numbers';
  if (format === SampleFormatCode.Float) {
    return bits === 32 ? null : `unsupported sample format: ${bits}-bit float`;
  }
  if (format !== SampleFormatCode.Uint && format !== SampleFormatCode.Int) {
    return `unsupported sample format (code ${format})`;
  }
  if (bits === 64) {
    const kind = format === SampleFormatCode.Int ? 'signed' : 'unsigned';
    return `unsupported sample format: 64-bit ${kind} integer`;
  }
  if (bits === 1 || bits === 8 || bits === 16 || bits === 32) return null;
  return `unsupported bit depth: ${bits} bits per sample (the studio reads 1, 8, 16 and 32-bit images)`;
}

function grayChannels(fileName: string, spp: number, extraSamples: number[]): number {
  if (spp === 1) return 1;
  // ExtraSamples 1 and 2 are associated and unassociated alpha.
  if (spp === 2 && (extraSamples[0] === 1 || extraSamples[0] === 2)) return 1;
  fail(
    fileName,
    `each pixel holds ${spp} gray values (channels) in one page; the studio reads gray, RGB ` +
      'and RGBA images (save each channel as its own page or file)',
  );
}

function outputChannels(
  fileName: string,
  photometric: number,
  spp: number,
  extra: number[],
): number {
  switch (photometric) {
    case Photometric.WhiteIsZero:
    case Photometric.BlackIsZero:
      return grayChannels(fileName, spp, extra);
    case Photometric.Rgb:
      if (spp === 3 || spp === 4) return spp;
      return fail(fileName, `an RGB image with ${spp} values per pixel is not supported`);
    case Photometric.Palette:
      if (spp === 1) return 3;
      return fail(fileName, 'the palette (indexed colour) image is damaged');
    default: {
      const name = PHOTOMETRIC_NAMES[photometric] ?? `code ${photometric}`;
      return fail(
        fileName,
        `colour model ${name} is not supported (the studio reads grayscale, RGB and palette TIFFs)`,
      );
    }
  }
}

interface GridOf {
  width: number;
  height: number;
  planes: number;
  compression: number;
  bitsPerSample: number;
}

function readGrid(file: TiffContainer, ifd: Ifd, page: GridOf): ChunkGrid {
  const { width, height, planes, compression, bitsPerSample } = page;
  const fileName = file.fileName;
  const damaged = (what: string): never => fail(fileName, `the TIFF is damaged (${what})`);
  const tiled = file.has(ifd, Tag.TileWidth) || file.has(ifd, Tag.TileOffsets);
  let chunkWidth: number;
  let chunkHeight: number;
  let offsets: number[] | undefined;
  let byteCounts: number[] | undefined;
  if (tiled) {
    chunkWidth = file.number(ifd, Tag.TileWidth) ?? 0;
    chunkHeight = file.number(ifd, Tag.TileLength) ?? 0;
    if (chunkWidth <= 0 || chunkHeight <= 0) damaged('its tile size is missing or zero');
    // Tiles of 1-bit pixels must start on a byte; the TIFF standard asks for multiples of 16.
    if (bitsPerSample < 8 && chunkWidth % 8 !== 0) damaged('its tiles do not start on a byte');
    offsets = file.numbers(ifd, Tag.TileOffsets);
    byteCounts = file.numbers(ifd, Tag.TileByteCounts);
  } else {
    chunkWidth = width;
    const rowsPerStrip = file.number(ifd, Tag.RowsPerStrip) ?? height;
    if (rowsPerStrip <= 0) damaged('its strip height is zero');
    chunkHeight = Math.min(rowsPerStrip, height);
    offsets = file.numbers(ifd, Tag.StripOffsets);
    byteCounts = file.numbers(ifd, Tag.StripByteCounts);
  }
  const across = Math.ceil(width / chunkWidth);
  const down = Math.ceil(height / chunkHeight);
  const expected = across * down * planes;
  if (!offsets) return damaged('it has no image data');
  if (!byteCounts && compression === Compression.None && offsets.length === 1) {
    // Some old writers leave out the byte count of a single uncompressed strip.
    byteCounts = [file.bytes.length - (offsets[0] ?? 0)];
  }
  if (!byteCounts) return damaged('the sizes of its image data blocks are missing');
  if (offsets.length < expected || byteCounts.length < expected) {
    damaged('its table of image data blocks is incomplete');
  }
  return { tiled, chunkWidth, chunkHeight, across, down, offsets, byteCounts };
}

interface SampleType {
  samplesPerPixel: number;
  bitsPerSample: number;
  sampleFormat: number;
}

function readSampleType(file: TiffContainer, ifd: Ifd): SampleType {
  const fileName = file.fileName;
  const samplesPerPixel = file.number(ifd, Tag.SamplesPerPixel) ?? 1;
  if (samplesPerPixel < 1) fail(fileName, 'the TIFF is damaged (zero samples per pixel)');
  const bitsList = file.numbers(ifd, Tag.BitsPerSample) ?? [1];
  const bitsPerSample = bitsList[0] ?? 1;
  if (bitsList.some((b) => b !== bitsPerSample)) {
    fail(fileName, `channels with different bit depths (${bitsList.join(', ')}) are not supported`);
  }
  let sampleFormat = file.number(ifd, Tag.SampleFormat) ?? SampleFormatCode.Uint;
  if (sampleFormat === SampleFormatCode.Undefined) sampleFormat = SampleFormatCode.Uint;
  return { samplesPerPixel, bitsPerSample, sampleFormat };
}

function readColour(file: TiffContainer, ifd: Ifd, type: SampleType) {
  const fileName = file.fileName;
  const { samplesPerPixel: spp, bitsPerSample: bits, sampleFormat } = type;
  const fallback = spp >= 3 ? Photometric.Rgb : bits === 1 ? Photometric.WhiteIsZero : 1;
  const photometric = file.number(ifd, Tag.Photometric) ?? fallback;
  let colorMap: number[] | null = null;
  if (photometric === Photometric.Palette) {
    if (bits !== 8 || sampleFormat !== SampleFormatCode.Uint) {
      fail(fileName, `unsupported bit depth: ${bits}-bit palette (indexed colour) image`);
    }
    colorMap = file.numbers(ifd, Tag.ColorMap) ?? null;
    if (!colorMap || colorMap.length < 3 * 256) {
      fail(fileName, 'the palette (indexed colour) image has no complete colour table');
    }
  }
  const typeProblem = sampleTypeProblem(bits, sampleFormat);
  if (typeProblem) fail(fileName, typeProblem);
  const extraSamples = file.numbers(ifd, Tag.ExtraSamples) ?? [];
  const outChannels = outputChannels(fileName, photometric, spp, extraSamples);
  if (bits === 1 && (spp !== 1 || photometric > Photometric.BlackIsZero)) {
    fail(fileName, 'unsupported bit depth: 1-bit colour images are not supported');
  }
  if (photometric === Photometric.WhiteIsZero && sampleFormat !== SampleFormatCode.Uint) {
    fail(fileName, 'inverted gray values (white is zero) are only supported for unsigned images');
  }
  return { photometric, colorMap, outChannels };
}

function readCompression(file: TiffContainer, ifd: Ifd, type: SampleType) {
  const fileName = file.fileName;
  const compression = file.number(ifd, Tag.Compression) ?? Compression.None;
  if (!SUPPORTED_COMPRESSIONS.includes(compression)) {
    const name = UNSUPPORTED_COMPRESSION_NAMES[compression];
    const what = name ? `${name} compression` : `an unknown compression (code ${compression})`;
    fail(fileName, `the TIFF uses ${what}, which the studio cannot read (${READABLE})`);
  }
  // libtiff applies predictors only inside LZW and Deflate; elsewhere the tag is ignored, and
  // so is a (meaningless) predictor 0.
  const predicts =
    compression === Compression.Lzw ||
    compression === Compression.Deflate ||
    compression === Compression.DeflateLegacy;
  let predictor = predicts ? (file.number(ifd, Tag.Predictor) ?? PredictorCode.None) : 1;
  if (predictor < PredictorCode.None) predictor = PredictorCode.None;
  if (predictor > PredictorCode.FloatingPoint) {
    fail(fileName, `the TIFF uses an unknown predictor (code ${predictor})`);
  }
  if (predictor === PredictorCode.Horizontal && type.bitsPerSample < 8) {
    fail(fileName, 'the TIFF is damaged (a predictor on 1-bit data)');
  }
  const float = type.sampleFormat === SampleFormatCode.Float;
  if (predictor === PredictorCode.FloatingPoint && !float) {
    fail(fileName, 'the TIFF is damaged (a floating-point predictor on integer data)');
  }
  return { compression, predictor };
}

function outputDtype(type: SampleType, photometric: number): PixelDtype {
  const { bitsPerSample: bits, sampleFormat } = type;
  if (bits === 1 || photometric === Photometric.Palette) return 'uint8';
  if (sampleFormat === SampleFormatCode.Float) return 'float32';
  if (sampleFormat === SampleFormatCode.Int)
    return bits === 8 ? 'int16' : dtypeFor(bits as BitDepth, 'int');
  return dtypeFor(bits as BitDepth, 'uint');
}

/** Null for a reduced-resolution copy (a thumbnail or pyramid level), which is not a page. */
export function readPageLayout(file: TiffContainer, ifd: Ifd): PageLayout | null {
  const fileName = file.fileName;
  if (((file.number(ifd, Tag.NewSubfileType) ?? 0) & 1) === 1) return null;
  if (file.number(ifd, Tag.SubfileType) === 2) return null;

  const width = file.number(ifd, Tag.ImageWidth);
  const height = file.number(ifd, Tag.ImageLength);
  if (width === undefined || height === undefined) {
    return fail(fileName, 'the TIFF is damaged (a page has no width or height)');
  }
  const type = readSampleType(file, ifd);
  const { compression, predictor } = readCompression(file, ifd, type);
  const { photometric, colorMap, outChannels } = readColour(file, ifd, type);
  const outDtype = outputDtype(type, photometric);
  checkDecodedSize(fileName, {
    width,
    height,
    channels: outChannels,
    pages: 1,
    bytesPerSample: bytesPerSample(outDtype),
  });

  const planar = type.samplesPerPixel > 1 && file.number(ifd, Tag.PlanarConfiguration) === 2;
  const planes = planar ? type.samplesPerPixel : 1;
  return {
    width,
    height,
    ...type,
    photometric,
    compression,
    predictor,
    planar,
    reversedBits: file.number(ifd, Tag.FillOrder) === 2,
    colorMap,
    grid: readGrid(file, ifd, { width, height, planes, compression, ...type }),
    outChannels,
    outDtype,
  };
}
