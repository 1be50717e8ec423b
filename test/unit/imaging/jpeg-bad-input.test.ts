// Hostile and unsupported JPEGs, made from the committed 37 x 23 RGB fixture by changing one
// header field: each is refused with a reason a person can act on, before jpeg-js allocates for
// a frame the file cannot hold.
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src-main/imaging/decode';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { MAX_JPEG_SCANS } from '../../../src-main/imaging/jpeg';
import { withField } from '../../support/fuzz-fields';
import { fixtureBytes } from './helpers/fixtures';

const original = fixtureBytes('u8-rgb.jpg');

function refusal(bytes: Uint8Array): string {
  try {
    decodeImage(bytes, 'crafted.jpg');
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    return (error as ImageReadError).reason;
  }
  throw new Error('expected the file to be refused');
}

/** The fixture with frame-header fields changed in order (a changed marker renames the rest). */
function frame(changes: Record<string, number>): Uint8Array {
  let bytes = original;
  for (const [label, value] of Object.entries(changes)) {
    bytes = withField(bytes, 'jpeg', `SOF0 ${label}`, value);
  }
  return bytes;
}

describe('JPEG files the studio refuses', () => {
  it('the unchanged fixture decodes as 37 x 23 RGB (so each refusal is about its change)', () => {
    const raster = decodeImage(original, 'ok.jpg');
    expect([raster.width, raster.height, raster.channels]).toEqual([37, 23, 3]);
  });

  it('a 1.5 kB file that claims 20000 x 20000', () => {
    // jpeg-js allocates every 8 x 8 block before reading data: this kept it busy for minutes.
    const started = Date.now();
    expect(refusal(frame({ width: 20_000, height: 20_000 }))).toBe(
      'the JPEG is damaged or cut short (it holds too little image data for its size)',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a header that claims 65535 x 65535, the largest a JPEG can state', () => {
    expect(refusal(frame({ width: 65_535, height: 65_535 }))).toBe(
      'dimensions 65535 x 65535 are too large: the image would need 36.0 GiB of memory ' +
        '(limit 4.0 GiB)',
    );
  });

  it.each([0x00, 0x10, 0x50])('a colour sampling factor byte of %i', (factors) => {
    expect(refusal(frame({ 'component 1 sampling': factors }))).toBe(
      'the JPEG is damaged (its colour sampling factors are impossible)',
    );
  });

  it.each<[string, Record<string, number>, string]>([
    ['12-bit samples', { precision: 12, marker: 0xc1 }, 'unsupported bit depth: 12-bit JPEG'],
    ['lossless coding', { marker: 0xc3 }, 'lossless JPEG is not supported'],
    ['arithmetic coding', { marker: 0xc9 }, 'arithmetic-coded JPEG is not supported'],
    ['four components (CMYK)', { 'component count': 4 }, 'colour model CMYK is not supported'],
    ['two components', { 'component count': 2 }, 'a JPEG with 2 colour components'],
  ])('%s', (_what, changes, reason) => {
    expect(refusal(frame(changes))).toContain(reason);
  });
});

describe('a progressive JPEG with more scans than any real image', () => {
  // The committed progressive fixture ends with a Huffman table (DHT at 646) and the luma AC
  // scan that uses it (SOS at 672), then EOI at 709: repeating that pair adds scans.
  const progressive = fixtureBytes('odd/u8-rgb-progressive.jpg');
  const withScansRepeated = (copies: number): Uint8Array => {
    const head = progressive.subarray(0, 709);
    const pair = progressive.subarray(646, 709);
    const out = new Uint8Array(head.length + pair.length * copies + 2);
    out.set(head, 0);
    for (let c = 0; c < copies; c++) out.set(pair, head.length + c * pair.length);
    out.set([0xff, 0xd9], out.length - 2);
    return out;
  };

  it('is refused by counting its scans, before decoding', () => {
    expect(decodeImage(progressive, 'ok.jpg').width).toBeGreaterThan(0);
    const reason = refusal(withScansRepeated(MAX_JPEG_SCANS));
    expect(reason).toMatch(/has 5\d\d image scans; real images have at most a few dozen/);
  });

  it('is not refused for its scans when it has a plausible number', () => {
    let reason = '';
    try {
      decodeImage(withScansRepeated(20), 'twenty-more.jpg');
    } catch (error) {
      reason = (error as ImageReadError).reason;
    }
    expect(reason).not.toMatch(/image scans/);
  });
});
