// Files as people have them on disk: missing, folders, empty, cut short by an interrupted copy,
// text renamed to .tif, random bytes. Each must give an ImageReadError that names the file and
// says what is wrong in plain words; nothing may crash or hang.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImageFile } from '../../../src-main/imaging/decode';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { DSB_LABELS } from '../../support/paths';
import { fixturePath } from '../../unit/imaging/helpers/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'imaging-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readError(path: string): Promise<ImageReadError> {
  try {
    await readImageFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    return error as ImageReadError;
  }
  throw new Error(`expected ${path} to be refused`);
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const label = new Uint8Array(
  readFileSync(
    join(DSB_LABELS, '07fb37aafa6626608af90c1e18f6a743f29b6b233d2e427dcd1102df6a916cf5.tif'),
  ),
);

describe('readImageFile', () => {
  it('returns the raster and the exact bytes of the file', async () => {
    const path = fixturePath('u16-gray-lzw.tif');
    const { raster, bytes } = await readImageFile(path);
    expect(raster.width).toBe(37);
    expect(Buffer.from(bytes).equals(readFileSync(path))).toBe(true);
  });

  it('names the file by its base name in every error', async () => {
    const error = await readError(file('empty.tif', ''));
    expect(error.fileName).toBe('empty.tif');
    expect(error.message).toBe('empty.tif: the file is empty (0 bytes)');
  });

  it.each([
    ['a missing file', () => join(dir, 'gone.tif'), /does not exist/],
    ['a folder', () => (mkdirSync(join(dir, 'folder.tif')), join(dir, 'folder.tif')), /folder/],
    ['an empty file', () => file('zero.png', ''), /^the file is empty \(0 bytes\)$/],
    [
      'a TIFF cut in half',
      () => file('half.tif', label.subarray(0, label.length >> 1)),
      /cut short \(truncated\)/,
    ],
    [
      'a TIFF cut inside its header',
      () => file('header.tif', label.subarray(0, 6)),
      /cut short \(truncated\)/,
    ],
    [
      'a text file renamed .tif',
      () => file('notes.tif', 'cell_id,area\n1,204\n2,311\n'),
      /text file, not an image the studio can read \(expected TIFF, PNG or JPEG\)/,
    ],
    [
      'random bytes',
      () =>
        file(
          'noise.tif',
          new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24 || 1),
        ),
      /^not an image the studio can read \(expected TIFF, PNG or JPEG\)$/,
    ],
    [
      'a PNG cut in half',
      () => {
        const png = readFileSync(fixturePath('u8-rgb.png'));
        return file('half.png', png.subarray(0, png.length >> 1));
      },
      /PNG is damaged or cut short/,
    ],
    ['a GIF renamed .png', () => file('anim.png', 'GIF89a\x01\x00\x01\x00'), /a GIF image/],
  ])('refuses %s with a plain reason', async (_what, make, reason) => {
    const error = await readError(make());
    expect(error.reason).toMatch(reason);
    expect(error.message.startsWith(`${error.fileName}: `)).toBe(true);
  });

  it('refuses every truncation of a multi-page TIFF, never returning fewer pages', async () => {
    const stack = readFileSync(fixturePath('u16-stack3-lzw.tif'));
    for (let cut = 4; cut < stack.length; cut += 97) {
      const error = await readError(file('cut.tif', stack.subarray(0, cut)));
      expect(error.reason).toMatch(/cut short|damaged/);
    }
  });
});
