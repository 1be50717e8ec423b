import { describe, expect, it } from 'vitest';
import {
  buildColourTable,
  colouriseRect,
} from '../../../../src-renderer/src/lib/annotation/label-colours';
import {
  colouriseLevelRect,
  imageRectToLevel,
  sampleCoordinate,
} from '../../../../src-renderer/src/lib/tiles/label-levels';

const table = buildColourTable([
  { index: 1, name: 'Background', colour: '#0000ff' },
  { index: 2, name: 'Foreground', colour: '#ff0000' },
]);
const words = (rgba: Uint8ClampedArray) => Array.from(new Uint32Array(rgba.buffer));
const BLUE = table[1] as number;
const RED = table[2] as number;

describe('sampleCoordinate', () => {
  it('takes the centre of the block, kept on the page', () => {
    expect(sampleCoordinate(5, 0, 100)).toBe(5);
    expect(sampleCoordinate(5, 1, 100)).toBe(11);
    expect(sampleCoordinate(5, 2, 100)).toBe(22);
    // Level 2 pixel 24 stands for image pixels 96..99 of a 99-pixel side: 98 is the last.
    expect(sampleCoordinate(24, 2, 99)).toBe(98);
  });
});

describe('imageRectToLevel', () => {
  it('covers every level pixel whose block the rect touches', () => {
    const page = { width: 6000, height: 5000 };
    expect(imageRectToLevel({ x: 5, y: 6, width: 4, height: 1 }, 2, page)).toEqual({
      x: 1,
      y: 1,
      width: 2,
      height: 1,
    });
    expect(imageRectToLevel({ x: 8, y: 8, width: 8, height: 8 }, 3, page)).toEqual({
      x: 1,
      y: 1,
      width: 1,
      height: 1,
    });
  });

  it('clips to the level', () => {
    const page = { width: 10, height: 10 };
    expect(imageRectToLevel({ x: 8, y: 0, width: 10, height: 2 }, 1, page)).toEqual({
      x: 4,
      y: 0,
      width: 1,
      height: 1,
    });
    expect(imageRectToLevel({ x: 20, y: 0, width: 4, height: 4 }, 1, page)).toBeNull();
  });
});

describe('colouriseLevelRect', () => {
  // 4 x 4 map: a blue 2 x 2 block top-left, a red pixel at (3, 3).
  const map = new Uint8Array([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  const page = { width: 4, height: 4 };

  it('is colouriseRect at level 0', () => {
    const rect = { x: 1, y: 1, width: 3, height: 3 };
    expect(Array.from(colouriseLevelRect(map, page, rect, 0, table))).toEqual(
      Array.from(colouriseRect(map, 4, rect, table)),
    );
  });

  it('shows each block by the label at its centre', () => {
    // Level 1 pixel (x, y) shows image pixel (2x + 1, 2y + 1).
    const rgba = colouriseLevelRect(map, page, { x: 0, y: 0, width: 2, height: 2 }, 1, table);
    expect(words(rgba)).toEqual([BLUE, 0, 0, RED]);
    // One level pixel of a rect not at the origin.
    const corner = colouriseLevelRect(map, page, { x: 1, y: 1, width: 1, height: 1 }, 1, table);
    expect(words(corner)).toEqual([RED]);
  });
});
