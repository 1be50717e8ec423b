import { describe, expect, it } from 'vitest';
import {
  fromJsonText,
  requireWholeNumber,
  toJsonText,
} from '../../../src-main/store/column-values';
import { normaliseModelDir } from '../../../src-main/store/models';

describe('column values', () => {
  it('round-trips plain data through JSON text', () => {
    const value = { epochs: 3, rates: [0.1, 0.01], name: 'run', nested: { ok: true, none: null } };
    expect(fromJsonText(toJsonText(value, 'x'))).toEqual(value);
  });

  it('refuses what JSON cannot hold', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [undefined, cycle, 1n, () => 1]) {
      expect(() => toJsonText(value, 'The setting')).toThrow(
        expect.objectContaining({
          code: 'invalid-request',
          message: expect.stringMatching(/^The setting must be/),
        }),
      );
    }
  });

  it('requires whole numbers above a minimum', () => {
    expect(() => requireWholeNumber(3, 'Page', 0)).not.toThrow();
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(() => requireWholeNumber(bad, 'Page', 0)).toThrow(
        expect.objectContaining({ code: 'invalid-request' }),
      );
    }
  });

  it('keeps model folders inside the project, with / separators', () => {
    expect(normaliseModelDir('models/unet-1')).toBe('models/unet-1');
    expect(normaliseModelDir('models\\unet-2\\best')).toBe('models/unet-2/best');
    for (const bad of [
      '',
      '/models/a',
      '../a',
      'models/../../a',
      'models//a',
      './models',
      'D:/models',
      'models/',
    ]) {
      expect(() => normaliseModelDir(bad), bad).toThrow(
        expect.objectContaining({ code: 'invalid-request' }),
      );
    }
  });
});
