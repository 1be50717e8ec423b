import { describe, expect, it } from 'vitest';
import {
  decodeImage,
  isSupportedImageName,
  SUPPORTED_EXTENSIONS,
} from '../../../src-main/imaging/decode';
import { ImageReadError } from '../../../src-main/imaging/errors';
import { sniffFormat } from '../../../src-main/imaging/sniff';
import { fixtureBytes } from './helpers/fixtures';

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(
    values.flatMap((v) => (typeof v === 'string' ? Array.from(v, (c) => c.charCodeAt(0)) : [v])),
  );

describe('sniffFormat', () => {
  it.each([
    ['little-endian TIFF', bytes('II', 42, 0), 'tiff'],
    ['big-endian TIFF', bytes('MM', 0, 42), 'tiff'],
    ['BigTIFF', bytes('II', 43, 0), 'tiff'],
    ['PNG', bytes(0x89, 'PNG\r\n', 0x1a, '\n'), 'png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'jpeg'],
  ])('recognises %s by its first bytes', (_what, head, format) => {
    expect(sniffFormat(head)).toEqual({ kind: 'image', format });
  });

  it.each([
    ['GIF89a', 'a GIF image'],
    ['%PDF-1.7', 'a PDF document'],
    ['ZISRAWFILE', 'a Zeiss CZI file'],
    ['name,area\n1,2\n', 'a text file'],
  ])('names %j as something else', (head, description) => {
    expect(sniffFormat(bytes(head))).toEqual({ kind: 'other', description });
  });

  it('reports an empty file and unknown bytes', () => {
    expect(sniffFormat(new Uint8Array(0))).toEqual({ kind: 'empty' });
    expect(sniffFormat(bytes(0, 1, 2, 3, 0xfe))).toEqual({ kind: 'other', description: null });
  });
});

describe('decodeImage by content', () => {
  it('ignores the extension: a PNG called .tif and a TIFF called .png both decode', () => {
    const png = decodeImage(fixtureBytes('u16-gray.png'), 'renamed.tif');
    const tiff = decodeImage(fixtureBytes('u16-gray.tif'), 'renamed.png');
    expect(png.bitDepth).toBe(16);
    expect(png.data).toEqual(tiff.data);
  });
});

describe('image names', () => {
  it('lists the readable extensions in lower case', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.tif', '.tiff', '.png', '.jpg', '.jpeg']);
  });

  it.each([
    ['cells.TIF', true],
    ['stack.tiff', true],
    ['a.b.Png', true],
    ['photo.JPEG', true],
    ['notes.txt', false],
    ['tif', false],
    ['.mask.tif.123-ab.tmp', false],
  ])('%s -> %s', (name, ok) => {
    expect(isSupportedImageName(name)).toBe(ok);
  });
});

describe('decodeImage errors', () => {
  it('wraps every failure in an ImageReadError naming the file', () => {
    expect(() => decodeImage(new Uint8Array(0), 'a.png')).toThrow(ImageReadError);
    expect(() => decodeImage(new Uint8Array(0), 'a.png')).toThrow(
      'a.png: the file is empty (0 bytes)',
    );
  });
});
