// JPEG is lossy and decoders may differ by a rounding step, so jpeg-js is compared with Pillow's
// decoding of the same file within a small tolerance rather than bit for bit.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { runPythonJson } from './helpers/python';

const dir = mkdtempSync(join(tmpdir(), 'imaging-jpeg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WRITE_JPEGS = `
import base64, json, os, sys
import numpy as np
from PIL import Image
out = sys.argv[1]
y, x = np.mgrid[0:47, 0:61]
smooth = (128 + 100 * np.sin(x / 9.0) * np.cos(y / 7.0)).astype('u1')
cases = []
rgb = Image.fromarray(np.dstack([smooth, 255 - smooth, smooth // 2]), 'RGB')
# 4:4:4 keeps full colour resolution; with 4:2:0 decoders legitimately differ in how they
# upsample colour (libjpeg smooths, jpeg-js repeats), so that case gets a looser check.
for name, img, kw in [
    ('gray.jpg', Image.fromarray(smooth, 'L'), {}),
    ('rgb-444.jpg', rgb, {'subsampling': 0}),
    ('rgb-444-progressive.jpg', rgb, {'subsampling': 0, 'progressive': True}),
    ('rgb-420.jpg', rgb, {'subsampling': 2}),
]:
    path = os.path.join(out, name)
    img.save(path, quality=95, **kw)
    back = np.asarray(Image.open(path))
    cases.append({'file': name, 'channels': 1 if back.ndim == 2 else back.shape[2],
                  'values': base64.b64encode(back.tobytes()).decode()})
print(json.dumps(cases))
`;

interface JpegCase {
  file: string;
  channels: number;
  values: string;
}

describe('JPEG', () => {
  const cases = runPythonJson<JpegCase[]>(WRITE_JPEGS, [dir]);

  it.each(cases.map((c) => [c.file, c] as const))('%s matches Pillow within rounding', (_n, c) => {
    const raster = decodeImage(new Uint8Array(readFileSync(join(dir, c.file))), c.file);
    const reference = Buffer.from(c.values, 'base64');
    expect([raster.width, raster.height, raster.channels, raster.bitDepth]).toEqual([
      61,
      47,
      c.channels,
      8,
    ]);
    expect(raster.data.length).toBe(reference.length);
    let worst = 0;
    let total = 0;
    for (let i = 0; i < reference.length; i++) {
      const d = Math.abs(raster.data[i]! - reference[i]!);
      worst = Math.max(worst, d);
      total += d;
    }
    const chromaUpsampled = c.file.includes('420');
    expect(worst).toBeLessThanOrEqual(chromaUpsampled ? 24 : 3);
    expect(total / reference.length).toBeLessThan(chromaUpsampled ? 5 : 0.75);
  });

  it('refuses a JPEG cut in half', () => {
    const bytes = new Uint8Array(readFileSync(join(dir, 'rgb-444.jpg')));
    const cut = bytes.subarray(0, bytes.length >> 1);
    expect(() => decodeImage(cut, 'rgb.jpg')).toThrow(ImageReadError);
    expect(() => decodeImage(cut, 'rgb.jpg')).toThrow(/JPEG is damaged or cut short/);
  });
});
