// The deterministic pattern held by every fixture (see test/fixtures/imaging/make_fixtures.py,
// which mirrors this formula). Tests recompute expected pixels from it instead of storing them.
import type { PixelDtype, Raster } from '../../../../src-main/imaging/raster';

export type PatternKind = PixelDtype | 'int8' | 'bool';

export function baseValue(x: number, y: number, c: number, p: number): number {
  return x * 7 + y * 131 + c * 1009 + p * 4099 + ((x * y) % 97) * 251;
}

export function patternValue(kind: PatternKind, x: number, y: number, c = 0, p = 0): number {
  const v = baseValue(x, y, c, p);
  switch (kind) {
    case 'uint8':
      return v % 256;
    case 'int8':
      return (v % 256) - 128;
    case 'uint16':
      return (v * 37) % 65536;
    case 'int16':
      return ((v * 37) % 65536) - 32768;
    case 'uint32':
      return (v * 104729 + 3) % 2 ** 32;
    case 'int32':
      return ((v * 104729 + 3) % 2 ** 32) - 2 ** 31;
    case 'float32':
      return Math.fround(v / 7 - 1000);
    case 'bool':
      return v % 3 === 0 ? 1 : 0;
  }
}

export interface FixtureEntry {
  file: string;
  width: number;
  height: number;
  pattern?: PatternKind;
  dtype?: PixelDtype;
  pages?: number;
  channels?: number;
  variant?: 'palette' | 'bilevel' | 'bilevel-inverted';
  error?: string;
}

export function expectedSample(e: FixtureEntry, x: number, y: number, c: number, p: number) {
  const kind = e.pattern ?? 'uint8';
  switch (e.variant) {
    case 'palette': {
      const i = patternValue('uint8', x, y, 0, p);
      return [i, 255 - i, (7 * i) % 256][c]!;
    }
    case 'bilevel':
      return patternValue('bool', x, y) ? 255 : 0;
    case 'bilevel-inverted':
      return patternValue('bool', x, y) ? 0 : 255;
    default:
      return patternValue(kind, x, y, c, p);
  }
}

/** The first sample that differs from the pattern, described for the failure message; or null. */
export function firstMismatch(e: FixtureEntry, r: Raster): string | null {
  const channels = e.channels ?? 1;
  for (let p = 0; p < (e.pages ?? 1); p++) {
    for (let y = 0; y < e.height; y++) {
      for (let x = 0; x < e.width; x++) {
        for (let c = 0; c < channels; c++) {
          const got = r.data[((p * e.height + y) * e.width + x) * channels + c];
          const want = expectedSample(e, x, y, c, p);
          if (!Object.is(got, want))
            return `page ${p} x ${x} y ${y} c ${c}: got ${got}, want ${want}`;
        }
      }
    }
  }
  return null;
}

/** A raster filled with the pattern, for encoder and display tests. */
export function patternRaster(
  kind: 'uint8' | 'uint16' | 'float32',
  width: number,
  height: number,
  pages = 1,
): Uint8Array | Uint16Array | Float32Array {
  const n = width * height * pages;
  const data =
    kind === 'uint8'
      ? new Uint8Array(n)
      : kind === 'uint16'
        ? new Uint16Array(n)
        : new Float32Array(n);
  for (let p = 0; p < pages; p++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        data[(p * height + y) * width + x] = patternValue(kind, x, y, 0, p);
      }
    }
  }
  return data;
}
