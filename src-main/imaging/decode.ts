// The one entry point for reading images: recognise the format from the bytes, decode it, and
// turn every failure (damaged, unsupported, too large, unreadable file) into an ImageReadError.
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { fail, ImageReadError } from './errors';
import { decodeJpeg } from './jpeg';
import { formatBytes, MAX_DECODED_BYTES } from './limits';
import { decodePng } from './png';
import type { Raster } from './raster';
import { sniffFormat } from './sniff';
import { decodeTiff } from './tiff/decode-tiff';

export const SUPPORTED_EXTENSIONS: readonly string[] = ['.tif', '.tiff', '.png', '.jpg', '.jpeg'];

const EXPECTED = 'expected TIFF, PNG or JPEG';

export function isSupportedImageName(name: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(extname(name).toLowerCase());
}

function decodeSniffed(bytes: Uint8Array, fileName: string): Raster {
  const sniffed = sniffFormat(bytes);
  switch (sniffed.kind) {
    case 'empty':
      return fail(fileName, 'the file is empty (0 bytes)');
    case 'other':
      return fail(
        fileName,
        sniffed.description
          ? `this is ${sniffed.description}, not an image the studio can read (${EXPECTED})`
          : `not an image the studio can read (${EXPECTED})`,
      );
    case 'image':
      switch (sniffed.format) {
        case 'tiff':
          return decodeTiff(bytes, fileName);
        case 'png':
          return decodePng(bytes, fileName);
        case 'jpeg':
          return decodeJpeg(bytes, fileName);
      }
  }
}

/** Decodes by content, not by extension. Throws ImageReadError for anything it cannot read. */
export function decodeImage(bytes: Uint8Array, fileName: string): Raster {
  try {
    return decodeSniffed(bytes, fileName);
  } catch (error) {
    if (error instanceof ImageReadError) throw error;
    // Typed-array and ArrayBuffer allocations fail with a RangeError when memory runs out.
    if (
      error instanceof RangeError &&
      /alloc|memory|Invalid typed array length/i.test(error.message)
    ) {
      return fail(fileName, 'there is not enough memory to open this image', error);
    }
    return fail(fileName, 'the file is damaged and could not be decoded', error);
  }
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file does not exist (it may have been moved, renamed or deleted)';
    case 'EISDIR':
      return 'this is a folder, not an image file';
    case 'EACCES':
    case 'EPERM':
      return 'the studio is not allowed to read this file (permission denied)';
    case 'EIO':
      return 'the disk reported an error while reading the file (it may be failing or disconnected)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open at once; try again';
    default:
      return `the file could not be read (${code ?? 'unknown error'})`;
  }
}

async function readWholeFile(path: string, fileName: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return fail(fileName, fileProblem(error), error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) fail(fileName, 'this is a folder, not an image file');
    if (stat.size > MAX_DECODED_BYTES) {
      fail(
        fileName,
        `the file is too large (${formatBytes(stat.size)}; limit ${formatBytes(MAX_DECODED_BYTES)})`,
      );
    }
    // Read in a loop into one array: readFile stops at 2 GiB, large stacks can be bigger.
    const bytes = new Uint8Array(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const length = Math.min(bytes.length - filled, 64 * 1024 ** 2);
      const { bytesRead } = await handle.read(bytes, filled, length, filled);
      if (bytesRead === 0) break; // the file shrank while being read
      filled += bytesRead;
    }
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof ImageReadError) throw error;
    return fail(fileName, fileProblem(error), error);
  } finally {
    await handle.close();
  }
}

/** Reads and decodes a file; `bytes` is the file's content (for hashing) as read. */
export async function readImageFile(path: string): Promise<{ raster: Raster; bytes: Uint8Array }> {
  const fileName = basename(path);
  const bytes = await readWholeFile(path, fileName);
  return { raster: decodeImage(bytes, fileName), bytes };
}
