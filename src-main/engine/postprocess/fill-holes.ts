// Hole filling: a cell predicted as a ring (dark nucleus, bright rim) is still one solid object.
import { GrowingQueue } from './growing-queue';

/**
 * Background regions that do not reach the image border become foreground. Background is
 * connected with 4-neighbours, the dual of the 8-connected foreground used for objects, so a
 * diagonal gap in a ring does not let the outside leak in and a hole is exactly what an
 * 8-connected object encloses. Foreground pixels keep their values; filled pixels get
 * `fillValue` (255, the studio's foreground value in masks).
 *
 * A breadth-first flood from the border, with a queue that grows with the flood front rather
 * than being sized for the whole image: linear time, no recursion.
 */
export function fillHoles(
  mask: Uint8Array,
  width: number,
  height: number,
  fillValue = 255,
): Uint8Array {
  if (mask.length !== width * height) {
    throw new RangeError(`mask has ${mask.length} pixels, expected ${width} x ${height}`);
  }
  if (fillValue < 1 || fillValue > 255) throw new RangeError('fillValue must be 1..255');
  // Start by assuming every background pixel is a hole, then clear what the border reaches.
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = mask[i] === 0 ? fillValue : mask[i]!;
  const isUnvisitedBackground = (i: number) => mask[i] === 0 && out[i] !== 0;

  const queue = new GrowingQueue(2 * (width + height));
  const visit = (i: number) => {
    if (!isUnvisitedBackground(i)) return;
    out[i] = 0;
    queue.push(i);
  };
  for (let x = 0; x < width; x++) {
    visit(x);
    visit((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    visit(y * width);
    visit(y * width + width - 1);
  }
  while (queue.length > 0) {
    const i = queue.shift();
    const x = i % width;
    if (x > 0) visit(i - 1);
    if (x < width - 1) visit(i + 1);
    if (i >= width) visit(i - width);
    if (i + width < mask.length) visit(i + width);
  }
  return out;
}
