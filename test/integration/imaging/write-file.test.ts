// writeTiffFile must leave either the old file or the complete new one under the final name,
// and no temporary files behind, whether it succeeds or fails.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImageFile } from '../../../src-main/imaging/decode';
import { temporaryNameFor } from '../../../src-main/imaging/atomic-write';
import { encodeTiff, writeTiffFile } from '../../../src-main/imaging/tiff-write';
import { patternRaster } from '../../unit/imaging/helpers/pattern';

const dir = mkdtempSync(join(tmpdir(), 'imaging-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const labels = { width: 64, height: 48, data: patternRaster('uint16', 64, 48) };

describe('writeTiffFile', () => {
  it('writes the encoded bytes and reads back exactly', async () => {
    const path = join(dir, 'labels.tif');
    await writeTiffFile(path, labels, { compression: 'deflate' });
    expect(
      readFileSync(path).equals(Buffer.from(encodeTiff(labels, { compression: 'deflate' }))),
    ).toBe(true);
    const { raster } = await readImageFile(path);
    expect(raster.data).toEqual(labels.data);
    expect(readdirSync(dir)).toEqual(['labels.tif']);
  });

  it('replaces an existing file completely', async () => {
    const path = join(dir, 'replace.tif');
    writeFileSync(path, 'an older, longer file '.repeat(1000));
    const small = { width: 3, height: 2, data: new Uint8Array([0, 1, 2, 3, 4, 5]) };
    await writeTiffFile(path, small);
    const { raster } = await readImageFile(path);
    expect(Array.from(raster.data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('uses a hidden temporary name in the same folder', () => {
    const temp = temporaryNameFor(join(dir, 'mask.tif'));
    expect(temp.startsWith(join(dir, '.mask.tif.'))).toBe(true);
    expect(temp.endsWith('.tmp')).toBe(true);
    expect(temporaryNameFor(join(dir, 'mask.tif'))).not.toBe(temp);
  });

  it('fails without leaving a temporary file when the final rename cannot happen', async () => {
    const sub = join(dir, 'blocked');
    mkdirSync(join(sub, 'mask.tif'), { recursive: true }); // a folder where the file should go
    await expect(writeTiffFile(join(sub, 'mask.tif'), labels)).rejects.toThrow();
    expect(readdirSync(sub)).toEqual(['mask.tif']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(writeTiffFile(join(dir, 'missing', 'mask.tif'), labels)).rejects.toThrow(/ENOENT/);
  });
});
