// How the label layer looks: each class in its own colour, fully opaque (the layer's opacity
// slider blends it over the image), and unpainted pixels fully transparent, because they carry
// no label at all: training ignores them.
import type { ClassDef } from '../../../../src-preload/contract';
import type { PixelRect } from './pixel-rect';

/** Values painted with a class that no longer exists stay visible rather than vanish. */
export const UNKNOWN_CLASS_COLOUR = '#ff00ff';

export function hexToRgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-fA-F]{6})$/.exec(hex);
  if (!match) throw new RangeError(`Not a #rrggbb colour: ${hex}`);
  const value = Number.parseInt(match[1] as string, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * 256 RGBA pixels packed in the platform's byte order, one per label value, so colouring a
 * pixel is one table read and one 32-bit write.
 */
export function buildColourTable(classes: readonly ClassDef[]): Uint32Array {
  const bytes = new Uint8Array(256 * 4);
  const colours = new Map(classes.map((c) => [c.index, c.colour]));
  for (let value = 1; value < 256; value++) {
    const [r, g, b] = hexToRgb(colours.get(value) ?? UNKNOWN_CLASS_COLOUR);
    bytes.set([r, g, b, 255], value * 4);
  }
  return new Uint32Array(bytes.buffer);
}

/** RGBA bytes of `rect` of the label map (rect-sized, ready for putImageData at rect.x, rect.y). */
export function colouriseRect(
  map: Uint8Array,
  mapWidth: number,
  rect: PixelRect,
  table: Uint32Array,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  const pixels = new Uint32Array(out.buffer);
  for (let row = 0; row < rect.height; row++) {
    const source = (rect.y + row) * mapWidth + rect.x;
    const target = row * rect.width;
    for (let column = 0; column < rect.width; column++) {
      pixels[target + column] = table[map[source + column] as number] as number;
    }
  }
  return out;
}
