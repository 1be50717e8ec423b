// Makes the demo project's files: copies four nucleus images of the 2018 Data Science Bowl set
// (CC0, ../../../shared/data/dsb2018-nuclei) to images/, and paints "a few strokes" on each into
// labels/, as a person would when starting a project: short brush strokes inside some nuclei
// (2 = Foreground) and on the dark background between them (1 = Background), 0 elsewhere.
// The strokes are derived from the set's ground-truth instance labels and a fixed seed, so the
// output is the same on every run:
//
//   npx tsx resources/demo/make-demo-labels.ts [path/to/dsb2018-nuclei]
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { Rng } from '../../src-main/engine/augment/rng';
import { distanceTransform } from '../../src-main/engine/weights/distance-transform';
import { decodeImage } from '../../src-main/imaging/decode';

/** The demo images: the name in the project, and the Kaggle image id it is a copy of. */
export const DEMO_IMAGES = [
  { name: 'nuclei-1', id: 'b24ea5c268469a95ed155eeaf809e36030b78a2eb530a0cb2380cdc1ccdb7dd1' },
  { name: 'nuclei-2', id: '449a9c32e53a37c8a86e01c199155c8da3958b631088e10f6fe43c2119defe51' },
  { name: 'nuclei-3', id: 'da31f2aa8601afec5c45180a2c448cb9c4a8ec7b35e75190d6ba3588f69058c8' },
  { name: 'nuclei-4', id: 'fc22db33a2495f58f118bc182c0087e140df14ccb8dad51373e1a54381f683de' },
] as const;

export const BACKGROUND = 1;
export const FOREGROUND = 2;
const STROKES_PER_CLASS = 5;
const BRUSH_RADIUS = 3;
/** Stroke centres run this far either side of the stroke's middle, while they stay inside. */
const FOREGROUND_HALF_LENGTH = 10;
const BACKGROUND_HALF_LENGTH = 20;
/** Strokes of one class keep this far apart, so they spread over the image. */
const SPACING = 80;
const SEED = 2018;

interface Picture {
  width: number;
  height: number;
  /** Instance id per pixel (0 = background). */
  instances: ArrayLike<number>;
  /** Gray value per pixel. */
  gray: ArrayLike<number>;
}

function paintDisk(
  labels: Uint8Array,
  picture: Picture,
  cx: number,
  cy: number,
  value: number,
  allowed: (i: number) => boolean,
): void {
  const { width, height } = picture;
  for (let dy = -BRUSH_RADIUS; dy <= BRUSH_RADIUS; dy++) {
    for (let dx = -BRUSH_RADIUS; dx <= BRUSH_RADIUS; dx++) {
      const x = cx + dx;
      const y = cy + dy;
      if (dx * dx + dy * dy > BRUSH_RADIUS * BRUSH_RADIUS) continue;
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      const i = y * width + x;
      if (allowed(i)) labels[i] = value;
    }
  }
}

/** Centres of a straight stroke through (x, y) at `angle`, kept while `fits` holds. */
function strokeCentres(
  picture: Picture,
  x: number,
  y: number,
  angle: number,
  halfLength: number,
  fits: (i: number) => boolean,
): { x: number; y: number }[] {
  const centres: { x: number; y: number }[] = [];
  for (const direction of [1, -1]) {
    for (let t = direction === 1 ? 0 : 1; t <= halfLength; t++) {
      const px = Math.round(x + direction * t * Math.cos(angle));
      const py = Math.round(y + direction * t * Math.sin(angle));
      if (px < 0 || py < 0 || px >= picture.width || py >= picture.height) break;
      if (!fits(py * picture.width + px)) break;
      centres.push({ x: px, y: py });
    }
  }
  return centres;
}

const farFrom = (picked: { x: number; y: number }[], x: number, y: number) =>
  picked.every((p) => (p.x - x) ** 2 + (p.y - y) ** 2 >= SPACING * SPACING);

/** The strokes of one image: 0 unpainted, 1 background, 2 foreground. */
export function demoStrokes(picture: Picture, seed = SEED): Uint8Array {
  const { width, height, instances, gray } = picture;
  const n = width * height;
  const rng = new Rng(seed);
  const labels = new Uint8Array(n);

  // Depth inside a nucleus: the distance to the nearest pixel of another id or the background.
  const edge = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const id = instances[i]!;
      edge[i] =
        id === 0 ||
        (x > 0 && instances[i - 1] !== id) ||
        (x < width - 1 && instances[i + 1] !== id) ||
        (y > 0 && instances[i - width] !== id) ||
        (y < height - 1 && instances[i + width] !== id)
          ? 1
          : 0;
    }
  }
  const depth = distanceTransform(edge, width, height);
  const nuclei = Uint8Array.from({ length: n }, (_, i) => (instances[i]! > 0 ? 1 : 0));
  const clearance = distanceTransform(nuclei, width, height);
  // Dim nuclei the annotators missed are brighter than the real background: stay below the
  // midpoint between the mean background and the mean nucleus.
  let backgroundSum = 0;
  let nucleusSum = 0;
  let nucleusPixels = 0;
  for (let i = 0; i < n; i++) {
    if (nuclei[i]) {
      nucleusSum += gray[i]!;
      nucleusPixels++;
    } else backgroundSum += gray[i]!;
  }
  const darkEnough = (backgroundSum / (n - nucleusPixels) + nucleusSum / nucleusPixels) / 2;

  // Foreground: a short stroke through the deepest point of a few nuclei, inside each.
  const deepest = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = instances[i]!;
    if (id === 0) continue;
    const best = deepest.get(id);
    if (best === undefined || depth[i]! > depth[best]!) deepest.set(id, i);
  }
  const candidates = [...deepest.entries()]
    .filter(([, i]) => depth[i]! >= BRUSH_RADIUS + 3)
    .sort(([a], [b]) => a - b);
  const pickedForeground: { x: number; y: number }[] = [];
  while (candidates.length > 0 && pickedForeground.length < STROKES_PER_CLASS) {
    const [id, i] = candidates.splice(rng.int(candidates.length), 1)[0]!;
    const x = i % width;
    const y = Math.floor(i / width);
    if (!farFrom(pickedForeground, x, y)) continue;
    pickedForeground.push({ x, y });
    const inside = (j: number) => instances[j] === id && depth[j]! >= BRUSH_RADIUS + 1.5;
    const angle = rng.next() * Math.PI;
    for (const c of strokeCentres(picture, x, y, angle, FOREGROUND_HALF_LENGTH, inside))
      paintDisk(labels, picture, c.x, c.y, FOREGROUND, (j) => instances[j] === id);
  }

  // Background: short strokes well clear of every nucleus and dark.
  const clear = (i: number) => clearance[i]! >= BRUSH_RADIUS + 4 && gray[i]! <= darkEnough;
  const pickedBackground: { x: number; y: number }[] = [];
  for (let attempt = 0; attempt < 20_000 && pickedBackground.length < STROKES_PER_CLASS; attempt++) {
    const x = BRUSH_RADIUS + rng.int(width - 2 * BRUSH_RADIUS);
    const y = BRUSH_RADIUS + rng.int(height - 2 * BRUSH_RADIUS);
    const i = y * width + x;
    if (clearance[i]! < 12 || !clear(i) || !farFrom(pickedBackground, x, y)) continue;
    const centres = strokeCentres(picture, x, y, rng.next() * Math.PI, BACKGROUND_HALF_LENGTH, clear);
    if (centres.length < BACKGROUND_HALF_LENGTH) continue; // too short to read as a stroke
    pickedBackground.push({ x, y });
    for (const c of centres)
      paintDisk(labels, picture, c.x, c.y, BACKGROUND, (j) => clearance[j]! >= BRUSH_RADIUS);
  }
  return labels;
}

/** An 8-bit single-channel PNG of the labels. */
export function encodeLabelPng(labels: Uint8Array, width: number, height: number): Uint8Array {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(labels);
  return new Uint8Array(
    PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 }),
  );
}

/** The demo's label PNG for one source image and its instance labels. */
export function makeDemoLabels(imagePng: Uint8Array, instanceTiff: Uint8Array): Uint8Array {
  const image = decodeImage(imagePng, 'image.png');
  const instances = decodeImage(instanceTiff, 'labels.tif');
  const gray = Float32Array.from({ length: image.width * image.height }, (_, i) => image.data[i * image.channels]!);
  const labels = demoStrokes({
    width: instances.width,
    height: instances.height,
    instances: instances.data,
    gray,
  });
  return encodeLabelPng(labels, instances.width, instances.height);
}

function main(): void {
  const source = resolve(process.argv[2] ?? join(import.meta.dirname, '../../../shared/data/dsb2018-nuclei'));
  const here = import.meta.dirname;
  mkdirSync(join(here, 'images'), { recursive: true });
  mkdirSync(join(here, 'labels'), { recursive: true });
  for (const { name, id } of DEMO_IMAGES) {
    const imagePath = join(source, 'images', `${id}.png`);
    const copy = join(here, 'images', `${name}.png`);
    copyFileSync(imagePath, copy);
    chmodSync(copy, 0o644); // the data set's files are read-only; the copies need not be
    const labels = makeDemoLabels(
      new Uint8Array(readFileSync(imagePath)),
      new Uint8Array(readFileSync(join(source, 'labels', `${id}.tif`))),
    );
    writeFileSync(join(here, 'labels', `${name}.png`), labels);
    console.log(`${name}: ${id}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
