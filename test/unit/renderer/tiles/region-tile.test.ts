import { describe, expect, it } from 'vitest';
import type { ImageRegion } from '../../../../src-preload/contract';
import {
  decodeRegion,
  regionRequest,
  tileValuesAt,
} from '../../../../src-renderer/src/lib/tiles/region-tile';

const page = { imageId: 7, page: 0, width: 6000, height: 5000 };

/** The studio's answer to `asked`, with 16-bit samples v = x + 10 * y (level pixels). */
function answer(asked: ReturnType<typeof regionRequest>, offset = 0): ImageRegion {
  const values = new Uint16Array(asked.width * asked.height);
  for (let row = 0; row < asked.height; row++) {
    for (let column = 0; column < asked.width; column++) {
      values[row * asked.width + column] = asked.x + column + 10 * (asked.y + row);
    }
  }
  const bytes = new Uint8Array(offset + values.byteLength);
  bytes.set(new Uint8Array(values.buffer), offset);
  const level = asked.level;
  return {
    ...asked,
    channels: 1,
    dtype: 'uint16',
    data: bytes.subarray(offset),
    levels: 5,
    levelWidth: Math.ceil(6000 / 2 ** level),
    levelHeight: Math.ceil(5000 / 2 ** level),
  };
}

describe('regionRequest', () => {
  it('asks for the tile clipped to its level', () => {
    expect(regionRequest(page, { level: 4, column: 0, row: 0 })).toEqual({
      imageId: 7,
      page: 0,
      level: 4,
      x: 0,
      y: 0,
      width: 375,
      height: 313,
    });
    expect(regionRequest(page, { level: 0, column: 11, row: 1 })).toMatchObject({
      x: 5632,
      y: 512,
      width: 368,
      height: 512,
    });
  });
});

describe('decodeRegion', () => {
  it('gives the samples of the tile asked for, even at an odd byte offset', () => {
    const coord = { level: 3, column: 1, row: 0 };
    const asked = regionRequest(page, coord);
    expect(asked).toMatchObject({ x: 512, width: 238, height: 512 });
    const tile = decodeRegion(answer(asked, 1), asked, coord, page);
    expect(tile.tile).toEqual(coord);
    expect(tile.rect).toEqual({ x: 512, y: 0, width: 238, height: 512 });
    expect(tile.samples).toBeInstanceOf(Uint16Array);
    expect(tileValuesAt(tile, 512, 0)).toEqual([512]);
    expect(tileValuesAt(tile, 749, 3)).toEqual([779]);
    expect(tileValuesAt(tile, 511, 0)).toBeNull();
    expect(tileValuesAt(tile, 750, 0)).toBeNull();
  });

  it('owns its bytes, so a cached tile does not keep a larger message alive', () => {
    const coord = { level: 4, column: 0, row: 0 };
    const asked = regionRequest(page, coord);
    const region = answer(asked);
    const tile = decodeRegion(region, asked, coord, page);
    expect(tile.samples.buffer).not.toBe(region.data.buffer);
    expect(tile.samples.byteLength).toBe(375 * 313 * 2);
  });

  it('refuses an answer for another place, image or pyramid', () => {
    const coord = { level: 0, column: 1, row: 1 };
    const asked = regionRequest(page, coord);
    const good = answer(asked);
    expect(() => decodeRegion({ ...good, x: 0 }, asked, coord, page)).toThrow(/x 0 where 512/);
    expect(() => decodeRegion({ ...good, imageId: 8 }, asked, coord, page)).toThrow(/image/);
    expect(() => decodeRegion({ ...good, level: 1 }, asked, coord, page)).toThrow(/level 1/);
    expect(() => decodeRegion({ ...good, levelWidth: 6001 }, asked, coord, page)).toThrow(
      /level width/,
    );
    expect(() => decodeRegion({ ...good, levels: 6 }, asked, coord, page)).toThrow(/level count/);
  });

  it('refuses samples that do not fill the tile', () => {
    const coord = { level: 4, column: 0, row: 0 };
    const asked = regionRequest(page, coord);
    const good = answer(asked);
    expect(() =>
      decodeRegion({ ...good, data: good.data.subarray(0, 100) }, asked, coord, page),
    ).toThrow(/samples/);
  });
});
