// Class index maps (predictions, training previews) to RGBA in the project's class colours, so
// a prediction looks like the labels it may become. Index 0 means "no class" and stays
// see-through; an index the project no longer defines (a model trained before a class was
// removed) is drawn in the label layer's colour for unknown classes rather than hidden.
import type { ClassDef } from '../../../src-preload/contract';
import { hexToRgb as parseHexColour, UNKNOWN_CLASS_COLOUR } from './annotation/label-colours';

export { parseHexColour };

/** RGBA for every class index 0..255, four bytes each, as a lookup table. */
export function classPalette(classes: readonly ClassDef[]): Uint8Array {
  const palette = new Uint8Array(256 * 4);
  const unknown = parseHexColour(UNKNOWN_CLASS_COLOUR);
  for (let index = 1; index < 256; index++) palette.set([...unknown, 255], index * 4);
  for (const definition of classes) {
    palette.set([...parseHexColour(definition.colour), 255], definition.index * 4);
  }
  return palette;
}

/** RGBA bytes for a canvas: one class index per pixel through the palette. */
export function renderClassRgba(
  indices: Uint8Array,
  palette: Uint8Array,
  out: Uint8ClampedArray<ArrayBuffer> = new Uint8ClampedArray(indices.length * 4),
): Uint8ClampedArray<ArrayBuffer> {
  if (out.length !== indices.length * 4) {
    throw new RangeError('Output size does not match the class map.');
  }
  for (let p = 0, o = 0; p < indices.length; p++, o += 4) {
    const c = (indices[p] as number) * 4;
    out[o] = palette[c] as number;
    out[o + 1] = palette[c + 1] as number;
    out[o + 2] = palette[c + 2] as number;
    out[o + 3] = palette[c + 3] as number;
  }
  return out;
}

/** The palette as 256 RGBA pixels packed in the platform's byte order (the label layer's form). */
export function classColourTable(classes: readonly ClassDef[]): Uint32Array {
  return new Uint32Array(classPalette(classes).buffer);
}
