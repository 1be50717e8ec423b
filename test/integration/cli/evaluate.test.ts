import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runEvaluateCommand } from '../../../src-main/cli/evaluate-command';
import { CliError } from '../../../src-main/cli/cli-error';
import { decodeImage, encodeTiff } from '../../../src-main/imaging';
import { DSB_LABELS, SHARED_DATA } from '../../support/paths';

const ISBI_LABELS = resolve(SHARED_DATA, 'isbi2012-em/labels');
const work = mkdtempSync(join(tmpdir(), 'studio-evaluate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command and returns its exit code and printed lines. */
async function evaluate(...args: string[]) {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    lines.push(parts.join(' '));
  });
  const code = await runEvaluateCommand(args);
  vi.restoreAllMocks();
  return { code, lines, summary: JSON.parse(lines.at(-1)!) as Record<string, number | null> };
}

function readLabels(path: string) {
  const raster = decodeImage(readFileSync(path), path);
  return { width: raster.width, height: raster.height, data: raster.data };
}

/** The ISBI masks as 8-bit TIFF predictions (255 = cell interior), optionally altered. */
function writeMaskPrediction(
  dir: string,
  name: string,
  alter?: (mask: Uint8Array, w: number) => void,
) {
  const { width, height, data } = readLabels(join(ISBI_LABELS, `${name}.png`));
  const mask = Uint8Array.from(data, (v) => (v !== 0 ? 255 : 0));
  alter?.(mask, width);
  writeFileSync(join(dir, `${name}.tif`), encodeTiff({ width, height, data: mask }));
}

function folder(...parts: string[]): string {
  const dir = join(work, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('npm run cli -- evaluate (binary, ISBI 2012 masks)', () => {
  // 10 is included so the rows must come out in numeric, not lexical, order.
  const names = ['0', '1', '2', '10'];
  const truth = folder('isbi', 'truth');
  for (const n of names) copyFileSync(join(ISBI_LABELS, `${n}.png`), join(truth, `${n}.png`));

  it('scores the ground truth against itself as perfect', async () => {
    const pred = folder('isbi', 'perfect');
    for (const n of names) writeMaskPrediction(pred, n);
    const { code, lines, summary } = await evaluate('--pred', pred, '--truth', truth);
    expect(code).toBe(0);
    expect(summary).toEqual({ images: 4, pixel_error: 0, foreground_iou: 1, rand_error: 0 });
    expect(Object.keys(summary)).toEqual(['images', 'pixel_error', 'foreground_iou', 'rand_error']);
    expect(lines[0]).toMatch(/^image\s+pixel error\s+foreground IoU\s+Rand error$/);
    expect(lines.slice(1, 5).map((l) => l.split(/\s+/)[0])).toEqual(names);
    expect(lines[1]).toMatch(/^0\s+0\.0000\s+1\.0000\s+0\.0000$/);
  });

  it('scores a shifted and a membrane-less prediction worse, image by image', async () => {
    const pred = folder('isbi', 'degraded');
    for (const n of names) writeMaskPrediction(pred, n);
    // Slice 1 shifted 4 pixels to the right: boundaries no longer line up.
    writeMaskPrediction(pred, '1', (mask, w) => {
      for (let i = mask.length - 1; i >= 0; i--) mask[i] = i % w >= 4 ? mask[i - 4]! : 0;
    });
    // Slice 2 with every membrane removed: all cells merge into one segment.
    writeMaskPrediction(pred, '2', (mask) => mask.fill(255));
    const { code, lines, summary } = await evaluate('--pred', pred, '--truth', truth);
    expect(code).toBe(0);
    const row = (n: string) =>
      lines
        .find((l) => l.split(/\s+/)[0] === n)!
        .split(/\s+/)
        .map(Number);
    const [, shiftedError, shiftedIoU, shiftedRand] = row('1');
    expect(shiftedError).toBeGreaterThan(0.05);
    expect(shiftedIoU).toBeLessThan(0.95);
    expect(shiftedRand).toBeGreaterThan(0.02);
    const [, mergedError, mergedIoU, mergedRand] = row('2');
    // Pixel error = the membrane fraction; IoU = interior fraction; Rand error near 1 (one segment).
    expect(mergedError).toBeGreaterThan(0.1);
    expect(mergedIoU).toBeCloseTo(1 - mergedError!, 4);
    expect(mergedRand).toBeGreaterThan(0.8);
    expect(row('0').slice(1)).toEqual([0, 1, 0]);
    // The summary is the mean over the four images (two perfect).
    expect(summary.images).toBe(4);
    expect(summary.rand_error).toBeGreaterThan(0.2);
    expect(summary.pixel_error).toBeGreaterThan(0);
    expect(summary.foreground_iou).toBeLessThan(1);
  });

  it('reports a missing prediction and a size mismatch by name and exits 2', async () => {
    const pred = folder('isbi', 'partial');
    writeMaskPrediction(pred, '0');
    writeMaskPrediction(pred, '1');
    // 10: a crop of the right mask (256 x 256 instead of 512 x 512). 2: no prediction at all.
    const full = readLabels(join(ISBI_LABELS, '10.png'));
    const crop = new Uint8Array(256 * 256);
    for (let y = 0; y < 256; y++) crop.set(full.data.subarray(y * 512, y * 512 + 256), y * 256);
    writeFileSync(join(pred, '10.tif'), encodeTiff({ width: 256, height: 256, data: crop }));
    // A prediction without ground truth is listed, not an error.
    writeMaskPrediction(pred, '5');
    const { code, lines, summary } = await evaluate('--truth', truth, '--pred', pred);
    expect(code).toBe(2);
    expect(summary).toEqual({ images: 2, pixel_error: 0, foreground_iou: 1, rand_error: 0 });
    expect(lines).toContain('  2.png: no prediction with this name');
    expect(lines).toContain('  10: the prediction is 256 x 256 but the ground truth is 512 x 512');
    expect(lines).toContain('  5.tif');
  });

  it('explains usage mistakes and missing folders', async () => {
    const truthOnly = evaluate('--truth', truth);
    await expect(truthOnly).rejects.toThrow(CliError);
    await expect(truthOnly).rejects.toThrow(/--pred DIR/);
    await expect(evaluate('--pred', join(work, 'nowhere'), '--truth', truth)).rejects.toThrow(
      /does not exist/,
    );
    await expect(
      evaluate('--pred', truth, '--truth', truth, '--labels-are', 'rgb'),
    ).rejects.toThrow(/binary.*instances/);
    await expect(evaluate('--pred', truth, '--truth', truth, '--bogus')).rejects.toThrow(CliError);
  });
});

describe('npm run cli -- evaluate --labels-are instances (DSB 2018 nuclei)', () => {
  const names = readdirSync(DSB_LABELS).sort().slice(0, 3);
  const truth = folder('dsb', 'truth');
  for (const n of names) copyFileSync(join(DSB_LABELS, n), join(truth, n));

  it('scores the labels against themselves with object F1 1', async () => {
    const pred = folder('dsb', 'perfect');
    for (const n of names) copyFileSync(join(DSB_LABELS, n), join(pred, n));
    const { code, summary } = await evaluate(
      '--pred',
      pred,
      '--truth',
      truth,
      '--labels-are',
      'instances',
    );
    expect(code).toBe(0);
    expect(summary).toEqual({
      images: 3,
      pixel_error: 0,
      foreground_iou: 1,
      rand_error: 0,
      object_f1: 1,
    });
  });

  it('counts a deleted nucleus as one false negative', async () => {
    const pred = folder('dsb', 'missing-one');
    for (const n of names.slice(1)) copyFileSync(join(DSB_LABELS, n), join(pred, n));
    // First image, written as 16-bit TIFF by the studio's writer, with nucleus 1 erased.
    const { width, height, data } = readLabels(join(DSB_LABELS, names[0]!));
    const objects = Uint16Array.from(data);
    const count = objects.reduce((max, v) => Math.max(max, v), 0);
    for (let i = 0; i < objects.length; i++) if (objects[i] === 1) objects[i] = 0;
    writeFileSync(join(pred, names[0]!), encodeTiff({ width, height, data: objects }));

    const { code, lines, summary } = await evaluate(
      '--pred',
      pred,
      '--truth',
      truth,
      '--labels-are',
      'instances',
    );
    expect(code).toBe(0);
    // N objects, N - 1 found exactly: F1 = 2(N - 1) / (2(N - 1) + 1).
    const f1 = (2 * (count - 1)) / (2 * (count - 1) + 1);
    expect(summary.object_f1).toBeCloseTo((f1 + 1 + 1) / 3, 12);
    expect(lines[0]).toMatch(/object F1$/);
    expect(summary.rand_error).toBeGreaterThan(0);
  });
});

describe('evaluate --labels-are instances given a mask', () => {
  it('takes the connected components of a 0/255 mask as its objects', async () => {
    const width = 40;
    const height = 20;
    const truthIds = new Uint16Array(width * height);
    const square = (ids: Uint16Array, x0: number, id: number) => {
      for (let y = 5; y < 15; y++) for (let x = x0; x < x0 + 8; x++) ids[y * width + x] = id;
    };
    square(truthIds, 2, 1);
    square(truthIds, 15, 2);
    square(truthIds, 28, 3);
    const truthDir = folder('mask', 'truth');
    const predDir = folder('mask', 'pred');
    writeFileSync(join(truthDir, 'a.tif'), encodeTiff({ width, height, data: truthIds }));
    const mask = Uint8Array.from(truthIds, (id) => (id === 0 ? 0 : 255));
    writeFileSync(join(predDir, 'a.tif'), encodeTiff({ width, height, data: mask }));
    const { code, summary } = await evaluate(
      '--pred',
      predDir,
      '--truth',
      truthDir,
      '--labels-are',
      'instances',
    );
    expect(code).toBe(0);
    // Read as ids the mask would be one object (F1 0); as components it is the three squares.
    expect(summary.object_f1).toBe(1);
  });
});
