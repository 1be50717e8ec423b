// Which pixels get the weight map's border term when a training set is read from files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledSet } from '../../../src-main/engine/data/training-set';
import { DEFAULT_NORMALISATION } from '../../../src-main/engine/predict/normalise';
import { writeTiffFile } from '../../../src-main/imaging/tiff-write';

const work = mkdtempSync(join(tmpdir(), 'studio-weights-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const size = 40;
// Two 10x10 objects 3 px apart (columns 18-20 form the gap), as a mask (255) and as instances.
const inside = (x: number, y: number) =>
  y >= 15 && y < 25 && ((x >= 8 && x < 18) || (x >= 21 && x < 31));
const gapPixel = 20 * size + 19;
const farPixel = 2 * size + 2;

beforeAll(async () => {
  const image = new Uint8Array(size * size).map((_, i) => (i % 7) * 30);
  const mask = new Uint8Array(size * size);
  const instances = new Uint16Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (inside(x, y)) {
        mask[y * size + x] = 255;
        instances[y * size + x] = x < 18 ? 1 : 2;
      }
  await writeTiffFile(join(work, 'image.tif'), { width: size, height: size, data: image });
  await writeTiffFile(join(work, 'mask.tif'), { width: size, height: size, data: mask });
  await writeTiffFile(join(work, 'instances.tif'), { width: size, height: size, data: instances });
});

async function weightsOf(label: string, kind: 'binary' | 'instances', borderWeights: boolean) {
  const set = await loadLabelledSet(
    [{ name: 'image', image: join(work, 'image.tif'), label: join(work, label) }],
    kind,
    DEFAULT_NORMALISATION,
    { w0: 10, sigma: 5, borderWeights, separationGap: 1 },
  );
  return set.images[0]!.weights;
}

describe('weight maps of a training set', () => {
  it('gives a mask only class-balance weights unless the border term is asked for', async () => {
    const plain = await weightsOf('mask.tif', 'binary', false);
    expect(new Set(plain).size).toBe(2); // one weight per class, nothing else
    expect(plain[gapPixel]).toBeCloseTo(plain[farPixel]!, 6);
    const bordered = await weightsOf('mask.tif', 'binary', true);
    // Its connected components are then the objects: the gap between them weighs more.
    expect(bordered[gapPixel]! - bordered[farPixel]!).toBeGreaterThan(5);
  });

  it('weights the gap between labelled instances', async () => {
    const weights = await weightsOf('instances.tif', 'instances', true);
    expect(weights[gapPixel]! - weights[farPixel]!).toBeGreaterThan(5);
  });
});

describe('a label file that does not fit its image', () => {
  it('stops the load, naming the label file and both sizes', async () => {
    await writeTiffFile(join(work, 'small-mask.tif'), {
      width: size - 1,
      height: size,
      data: new Uint8Array((size - 1) * size),
    });
    const load = loadLabelledSet(
      [{ name: 'image', image: join(work, 'image.tif'), label: join(work, 'small-mask.tif') }],
      'binary',
      DEFAULT_NORMALISATION,
      { w0: 10, sigma: 5, borderWeights: false, separationGap: 1 },
    );
    await expect(load).rejects.toThrow(
      `image: small-mask.tif is ${size - 1} x ${size} but its image is ${size} x ${size}.`,
    );
  });
});
