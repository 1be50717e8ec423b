// Both directions against Pillow (and libtiff inside it), run at test time so CI checks the
// real thing: images Pillow writes decode to Pillow's own values, and the TIFFs we write are
// read by Pillow to exactly our values and described correctly by libtiff's tiffinfo.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { dtypeOf } from '../../../src-main/imaging/raster';
import { encodeTiff, type MaskImage } from '../../../src-main/imaging/tiff-write';
import { sampleDigest } from '../../unit/imaging/helpers/digest';
import { patternRaster } from '../../unit/imaging/helpers/pattern';
import { PILLOW_DIGEST, runPythonJson, tiffinfo, type PillowDigest } from './helpers/python';

const dir = mkdtempSync(join(tmpdir(), 'imaging-pillow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Written {
  file: string;
  dtype: string;
  channels: number;
  pages: number;
  width: number;
  height: number;
  sha256: string;
}

// Random samples (fixed seed) over each type's whole range, odd sizes, every writer option.
const WRITE_WITH_PILLOW = `
import hashlib, json, os, sys
import numpy as np
from PIL import Image
out_dir = sys.argv[1]
rng = np.random.default_rng(2012)
W, H = 61, 47
def rand(dtype, shape):
    if dtype == 'f4':
        return (rng.standard_normal(shape) * 1000).astype('f4')
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)
cases = []
def case(name, arrays, mode, expect, out_dtype, channels, **save):
    frames = [Image.fromarray(a, mode) for a in arrays]
    if len(frames) > 1:
        save.update(save_all=True, append_images=frames[1:])
    path = os.path.join(out_dir, name)
    frames[0].save(path, **save)
    raw = b''.join(np.ascontiguousarray(e).astype(e.dtype.newbyteorder('<')).tobytes() for e in expect)
    cases.append({'file': name, 'dtype': out_dtype, 'channels': channels, 'pages': len(arrays),
                  'width': W, 'height': H, 'sha256': hashlib.sha256(raw).hexdigest()})
tiff = {'none': {}, 'lzw': {'compression': 'tiff_lzw'}, 'deflate': {'compression': 'tiff_adobe_deflate'},
        'packbits': {'compression': 'packbits'},
        'lzw-pred2': {'compression': 'tiff_lzw', 'tiffinfo': {317: 2}},
        'deflate-pred2': {'compression': 'tiff_adobe_deflate', 'tiffinfo': {317: 2}},
        'lzw-pred3': {'compression': 'tiff_lzw', 'tiffinfo': {317: 3}},
        'deflate-pred3': {'compression': 'tiff_adobe_deflate', 'tiffinfo': {317: 3}}}
for mode, dt, out, shape, ch, opts in [
    ('L', 'u1', 'uint8', (H, W), 1, ['none', 'lzw', 'deflate', 'packbits', 'lzw-pred2', 'deflate-pred2']),
    ('I;16', 'u2', 'uint16', (H, W), 1, ['none', 'lzw', 'deflate', 'packbits', 'lzw-pred2', 'deflate-pred2']),
    ('F', 'f4', 'float32', (H, W), 1, ['none', 'lzw', 'deflate', 'lzw-pred3', 'deflate-pred3']),
    ('I', 'i4', 'int32', (H, W), 1, ['none', 'deflate']),
    ('RGB', 'u1', 'uint8', (H, W, 3), 3, ['none', 'lzw', 'lzw-pred2', 'packbits', 'deflate']),
    ('RGBA', 'u1', 'uint8', (H, W, 4), 4, ['none', 'deflate']),
]:
    for opt in opts:
        a = rand(dt, shape)
        case(f'{mode.replace(";", "")}-{opt}.tif', [a], mode, [a], out, ch, **tiff[opt])
stack = [rand('u1', (H, W)) for _ in range(3)]
case('L-stack3-lzw.tif', stack, 'L', stack, 'uint8', 1, **tiff['lzw'])
stack16 = [rand('u2', (H, W)) for _ in range(4)]
case('I16-stack4-deflate.tif', stack16, 'I;16', stack16, 'uint16', 1, **tiff['deflate'])
for mode, dt, out, shape, ch in [('L', 'u1', 'uint8', (H, W), 1), ('I;16', 'u2', 'uint16', (H, W), 1),
                                  ('RGB', 'u1', 'uint8', (H, W, 3), 3), ('RGBA', 'u1', 'uint8', (H, W, 4), 4)]:
    a = rand(dt, shape)
    case(f'{mode.replace(";", "")}.png', [a], mode, [a], out, ch)
la = rand('u1', (H, W, 2))
case('LA.png', [la], 'LA', [la[..., 0]], 'uint8', 1)
p = Image.fromarray(rand('u1', (H, W)), 'L').convert('P')
p.putpalette(list(rand('u1', (768,))))
p.save(os.path.join(out_dir, 'P.png'))
rgb = np.asarray(p.convert('RGB'))
cases.append({'file': 'P.png', 'dtype': 'uint8', 'channels': 3, 'pages': 1, 'width': W, 'height': H,
              'sha256': hashlib.sha256(rgb.tobytes()).hexdigest()})
bits = rand('u1', (H, W)) > 127
# fromarray must infer mode '1' from a bool array (naming the mode misreads the buffer).
case('1.png', [bits], None, [bits.astype('u1') * 255], 'uint8', 1)
case('1.tif', [bits], None, [bits.astype('u1') * 255], 'uint8', 1)
print(json.dumps(cases))
`;

describe('images written by Pillow', () => {
  const cases = runPythonJson<Written[]>(WRITE_WITH_PILLOW, [dir]);

  it('covers every compression, predictor and mode in the matrix', () => {
    expect(cases.length).toBeGreaterThanOrEqual(34);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s decodes to Pillow’s values', (_n, c) => {
    const raster = decodeImage(new Uint8Array(readFileSync(join(dir, c.file))), c.file);
    expect([raster.width, raster.height, raster.pages, raster.channels, dtypeOf(raster)]).toEqual([
      c.width,
      c.height,
      c.pages,
      c.channels,
      c.dtype,
    ]);
    expect(sampleDigest(raster.data)).toBe(c.sha256);
  });
});

const MASKS: { name: string; img: MaskImage; mode: string; bits: number; format: RegExp }[] = [
  {
    name: 'classes-u8',
    img: { width: 37, height: 23, data: patternRaster('uint8', 37, 23) },
    mode: 'L',
    bits: 8,
    format: /Sample Format: unsigned integer/,
  },
  {
    name: 'labels-u16',
    img: { width: 37, height: 23, data: patternRaster('uint16', 37, 23) },
    mode: 'I;16',
    bits: 16,
    format: /Sample Format: unsigned integer/,
  },
  {
    name: 'probabilities-f32',
    img: { width: 37, height: 23, data: patternRaster('float32', 37, 23) },
    mode: 'F',
    bits: 32,
    format: /Sample Format: IEEE floating point/,
  },
  {
    name: 'labels-u16-stack3',
    img: { width: 300, height: 517, data: patternRaster('uint16', 300, 517, 3), pages: 3 },
    mode: 'I;16',
    bits: 16,
    format: /Sample Format: unsigned integer/,
  },
];

describe('TIFFs written by the studio', () => {
  const files: { path: string; mask: (typeof MASKS)[number] }[] = [];
  for (const mask of MASKS) {
    for (const compression of ['none', 'deflate'] as const) {
      const path = join(dir, `ours-${mask.name}-${compression}.tif`);
      writeFileSync(path, encodeTiff(mask.img, { compression }));
      files.push({ path, mask });
    }
  }
  const digests = runPythonJson<PillowDigest[]>(
    PILLOW_DIGEST,
    files.map((f) => f.path),
  );

  it.each(files.map((f, i) => [f.path.split('/').pop(), f, i] as const))(
    '%s reads back exactly in Pillow',
    (_n, f, i) => {
      const d = digests[i]!;
      const pages = f.mask.img.pages ?? 1;
      expect([d.mode, d.width, d.height, d.pages]).toEqual([
        f.mask.mode,
        f.mask.img.width,
        f.mask.img.height,
        pages,
      ]);
      expect(d.sha256).toBe(sampleDigest(f.mask.img.data));
    },
  );

  it.each(files.map((f) => [f.path.split('/').pop(), f] as const))(
    '%s is described correctly by tiffinfo, without warnings',
    (_n, f) => {
      const { stdout, stderr } = tiffinfo(f.path);
      expect(stderr).toBe('');
      const pages = f.mask.img.pages ?? 1;
      expect(stdout.match(/TIFF Directory at offset/g)).toHaveLength(pages);
      expect(stdout).toContain(
        `Image Width: ${f.mask.img.width} Image Length: ${f.mask.img.height}`,
      );
      expect(stdout).toContain(`Bits/Sample: ${f.mask.bits}`);
      expect(stdout).toMatch(f.mask.format);
      expect(stdout).toContain('Photometric Interpretation: min-is-black');
      expect(stdout).toContain('Samples/Pixel: 1');
      expect(stdout).toContain(
        f.path.endsWith('deflate.tif')
          ? 'Compression Scheme: AdobeDeflate'
          : 'Compression Scheme: None',
      );
    },
  );

  it.each(files.map((f) => [f.path.split('/').pop(), f] as const))(
    '%s reads back exactly in our decoder',
    (_n, f) => {
      const raster = decodeImage(new Uint8Array(readFileSync(f.path)), 'mask.tif');
      expect(raster.pages).toBe(f.mask.img.pages ?? 1);
      expect(raster.channels).toBe(1);
      expect(raster.data).toEqual(f.mask.img.data);
    },
  );
});
