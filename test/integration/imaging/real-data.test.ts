// The studio's own data sets: ISBI 2012 EM slices (8-bit gray PNG), DSB 2018 nuclei (RGBA PNGs
// that are gray in content, and 16-bit LZW TIFF instance labels). Each decode is checked against
// Pillow's reading of the same file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageFile } from '../../../src-main/imaging/decode';
import {
  computeDisplayRange,
  makeThumbnail,
  renderRgba,
  toSingleChannelIfGray,
} from '../../../src-main/imaging/display';
import { dtypeOf } from '../../../src-main/imaging/raster';
import { DSB_IMAGES, DSB_LABELS, ISBI_IMAGES } from '../../support/paths';
import { sampleDigest } from '../../unit/imaging/helpers/digest';
import { PILLOW_DIGEST, runPythonJson, type PillowDigest } from './helpers/python';

const DSB_ID = '07fb37aafa6626608af90c1e18f6a743f29b6b233d2e427dcd1102df6a916cf5';
const DSB_NUCLEI = 313; // from the data set's README

function pillow(path: string): PillowDigest {
  return runPythonJson<PillowDigest[]>(PILLOW_DIGEST, [path])[0]!;
}

describe('ISBI 2012 EM slice', () => {
  const path = join(ISBI_IMAGES, '0.png');

  it('decodes as 512 x 512 8-bit gray, equal to Pillow', async () => {
    const { raster, bytes } = await readImageFile(path);
    expect([raster.width, raster.height, raster.channels, raster.pages]).toEqual([512, 512, 1, 1]);
    expect(dtypeOf(raster)).toBe('uint8');
    expect(bytes.length).toBeGreaterThan(1000);
    const reference = pillow(path);
    expect(reference.mode).toBe('L');
    expect(sampleDigest(raster.data)).toBe(reference.sha256);
  });

  it('gets a display window inside 0..255 and a 128 x 128 thumbnail', async () => {
    const { raster } = await readImageFile(path);
    const range = computeDisplayRange(raster);
    expect(range.low).toBeGreaterThanOrEqual(0);
    expect(range.high).toBeLessThanOrEqual(255);
    expect(range.high - range.low).toBeGreaterThan(50); // EM slices use most of the range
    const thumb = makeThumbnail(raster, range);
    expect([thumb.width, thumb.height, thumb.rgba.length]).toEqual([128, 128, 128 * 128 * 4]);
    expect(renderRgba(raster, 0, range)).toHaveLength(512 * 512 * 4);
  });
});

describe('DSB 2018 nuclei', () => {
  it('every label image is 696 x 520 uint16 with ids 1..N, max id = number of nuclei', async () => {
    const files = readdirSync(DSB_LABELS).filter((f) => f.endsWith('.tif'));
    expect(files.length).toBe(47);
    for (const file of files.slice(0, 6)) {
      const { raster } = await readImageFile(join(DSB_LABELS, file));
      expect([raster.width, raster.height, raster.channels, dtypeOf(raster)]).toEqual([
        696,
        520,
        1,
        'uint16',
      ]);
      const ids = new Set<number>();
      let max = 0;
      for (const v of raster.data) {
        if (v > 0) ids.add(v);
        if (v > max) max = v;
      }
      expect(max).toBe(ids.size);
    }
  });

  it('a label image decodes exactly as Pillow reads it, with the README nucleus count', async () => {
    const path = join(DSB_LABELS, `${DSB_ID}.tif`);
    const { raster } = await readImageFile(path);
    const reference = pillow(path);
    expect(reference.mode).toBe('I;16');
    expect(sampleDigest(raster.data)).toBe(reference.sha256);
    expect(Math.max(...new Set(raster.data))).toBe(DSB_NUCLEI);
  });

  it('an RGBA image that is gray in content becomes one channel equal to its red channel', async () => {
    const path = join(DSB_IMAGES, `${DSB_ID}.png`);
    const { raster } = await readImageFile(path);
    expect([raster.width, raster.height, raster.channels, dtypeOf(raster)]).toEqual([
      696,
      520,
      4,
      'uint8',
    ]);
    expect(sampleDigest(raster.data)).toBe(pillow(path).sha256);
    const gray = toSingleChannelIfGray(raster);
    expect(gray.channels).toBe(1);
    expect(gray.data).toHaveLength(696 * 520);
    for (let p = 0; p < gray.data.length; p += 997) expect(gray.data[p]).toBe(raster.data[p * 4]);
    // Dim fluorescence: the window must follow the data, not the type's 0..255.
    const range = computeDisplayRange(gray);
    expect(range.high).toBeLessThan(255);
  });
});
