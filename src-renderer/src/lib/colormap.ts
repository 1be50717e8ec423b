// Colour maps for scalar overlays (weight maps, probabilities). Viridis is perceptually uniform
// and stays readable for colour-blind people, so equal steps in value look like equal steps in
// colour. Its 256 entries are matplotlib's (CC0, van der Walt & Smith), rounded to 8 bits.

/** 256 colours as hex triplets, 16 per line, from dark purple (0) to yellow (255). */
const VIRIDIS_HEX = [
  '44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164471365481467481668481769',
  '48186a481a6c481b6d481c6e481d6f481f70482071482173482374482475482576482677482878482979472a7a472c7a',
  '472d7b472e7c472f7d46307e46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85',
  '4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a3d4e8a3c4f8a3c508b3b518b',
  '3b528b3a538b3a548c39558c39568c38588c38598c375a8c375b8d365c8d365d8d355e8d355f8d34608d34618d33628d',
  '33638d32648e32658e31668e31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e',
  '2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e277e8e277f8e27808e26818e',
  '26828e26828e25838e25848e25858e24868e24878e23888e23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d',
  '21918c20928c20928c20938c1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88',
  '1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa8325ab8225ac8226ad8127ad81',
  '28ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b32b67a34b67935b77937b87838b9773aba763bbb753dbc74',
  '3fbc7340bd7242be7144bf7046c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863',
  '5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d1537ad1517cd2507fd34e81d34d',
  '84d44b86d54989d5488bd6468ed64590d74393d74195d84098d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32',
  'addc30b0dd2fb2dd2db5de2bb8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a',
  'd8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61ef6e620f8e621fbe723fde725',
].join('');

function decodeHexTriplets(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Red, green, blue for entries 0..255, one after another. */
export const VIRIDIS_RGB: Uint8Array = decodeHexTriplets(VIRIDIS_HEX);

/** The colour map entry for `value` on a scale from 0 to `max` (nearest of 256; clamped). */
export function colourIndex(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  if (value >= max) return 255;
  return Math.round((value / max) * 255);
}

/** "#rrggbb" of one colour map entry. */
export function colourMapHex(index: number): string {
  const i = Math.min(255, Math.max(0, Math.round(index))) * 3;
  const hex = (v: number) => v.toString(16).padStart(2, '0');
  return `#${hex(VIRIDIS_RGB[i] as number)}${hex(VIRIDIS_RGB[i + 1] as number)}${hex(VIRIDIS_RGB[i + 2] as number)}`;
}

export interface ColourMapOptions {
  /** The value drawn with the top colour; larger values are clamped to it. */
  max: number;
  /**
   * Whether 0 is "no value" and stays see-through: in a weight map 0 means unpainted (the loss
   * ignores the pixel), which must not look like a small weight.
   */
  zeroIsTransparent: boolean;
}

/** RGBA bytes for a canvas; NaN is always see-through. */
export function renderColourMapRgba(
  values: ArrayLike<number>,
  options: ColourMapOptions,
  out: Uint8ClampedArray<ArrayBuffer> = new Uint8ClampedArray(values.length * 4),
): Uint8ClampedArray<ArrayBuffer> {
  if (out.length !== values.length * 4)
    throw new RangeError('Output size does not match the values.');
  for (let p = 0, o = 0; p < values.length; p++, o += 4) {
    const value = values[p] as number;
    if (Number.isNaN(value) || (options.zeroIsTransparent && value <= 0)) {
      out[o] = out[o + 1] = out[o + 2] = out[o + 3] = 0;
      continue;
    }
    const c = colourIndex(value, options.max) * 3;
    out[o] = VIRIDIS_RGB[c] as number;
    out[o + 1] = VIRIDIS_RGB[c + 1] as number;
    out[o + 2] = VIRIDIS_RGB[c + 2] as number;
    out[o + 3] = 255;
  }
  return out;
}

/** A CSS gradient of the colour map from left (0) to right (max), for legends. */
export function colourBarCss(stops = 9): string {
  const parts: string[] = [];
  for (let s = 0; s < stops; s++) {
    const fraction = s / (stops - 1);
    parts.push(`${colourMapHex(fraction * 255)} ${Math.round(fraction * 100)}%`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/**
 * The colour map entry (0..255) of every value, one byte per pixel, for a page too large for a
 * whole-page canvas: with `colourMapTable` it colours exactly like `renderColourMapRgba` (NaN,
 * which it cannot mark see-through, takes entry 0).
 */
export function colourMapIndices(values: ArrayLike<number>, max: number): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let p = 0; p < values.length; p++) out[p] = colourIndex(values[p] as number, max);
  return out;
}

/** The 256 colour map entries as opaque RGBA packed in the platform's byte order. */
export function colourMapTable(): Uint32Array {
  const bytes = new Uint8Array(256 * 4);
  for (let index = 0; index < 256; index++) {
    bytes.set([...VIRIDIS_RGB.subarray(index * 3, index * 3 + 3), 255], index * 4);
  }
  return new Uint32Array(bytes.buffer);
}
