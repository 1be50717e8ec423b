// The engine end to end, in its own process as the app and CLI run it: train on real EM crops,
// segment a folder, and survive a killed compute process by resuming from the last checkpoint.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComputeClient } from '../../../src-main/compute';
import { COMPUTE_ENTRY } from '../../../src-main/cli/compute-runner';
import type {
  TrainJobProgress,
  TrainJobRequest,
  TrainJobResult,
} from '../../../src-main/engine/jobs/job-types';
import { decodeImage } from '../../../src-main/imaging/decode';
import { encodeTiff } from '../../../src-main/imaging/tiff-write';
import { ISBI_IMAGES } from '../../support/paths';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'studio-engine-'));
const SIZE = 64;

/** 64x64 crops of three EM slices and their membrane labels, as 8-bit TIFFs. */
function makeCrops(): { images: string; labels: string } {
  const images = join(work, 'images');
  const labels = join(work, 'labels');
  mkdirSync(images);
  mkdirSync(labels);
  for (const n of [0, 1, 2]) {
    for (const [folder, target] of [
      [ISBI_IMAGES, images],
      [resolve(ISBI_IMAGES, '../labels'), labels],
    ] as const) {
      const raster = decodeImage(
        new Uint8Array(readFileSync(join(folder, `${n}.png`))),
        `${n}.png`,
      );
      const crop = new Uint8Array(SIZE * SIZE);
      for (let y = 0; y < SIZE; y++)
        for (let x = 0; x < SIZE; x++) crop[y * SIZE + x] = raster.data[(y + 100) * 512 + x + 100]!;
      writeFileSync(
        join(target, `${n}.tif`),
        encodeTiff({ width: SIZE, height: SIZE, data: crop }),
      );
    }
  }
  return { images, labels };
}

let data: { images: string; labels: string };
beforeAll(() => {
  data = makeCrops();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const tiny = { preset: 'cpu', filters: 2, depth: 2, tile: 60, backend: 'cpu' } as const;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('train and segment from the command line', () => {
  it('trains, saves best and last checkpoints, and segments a folder into TIFF masks', () => {
    const model = join(work, 'model');
    const train = cli(
      'train',
      '--images',
      data.images,
      '--labels',
      data.labels,
      '--train-count',
      '2',
      '--out',
      model,
      '--filters',
      '2',
      '--depth',
      '2',
      '--tile',
      '60',
      '--steps',
      '6',
      '--validate-every',
      '3',
      '--backend',
      'cpu',
      '--json',
    );
    expect(train.stderr).toContain('Trained 6 steps');
    expect(train.code).toBe(0);
    const lines = train.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const result = lines.at(-1);
    expect(result).toMatchObject({
      event: 'result',
      status: 'completed',
      steps: 6,
      backend: 'cpu',
    });
    expect(
      lines.filter((l) => l.event === 'progress' && l.validation).length,
    ).toBeGreaterThanOrEqual(2);
    for (const dir of ['best', 'last']) {
      expect(existsSync(join(model, dir, 'model.json'))).toBe(true);
      expect(existsSync(join(model, dir, 'weights.bin'))).toBe(true);
    }
    const metadata = JSON.parse(readFileSync(join(model, 'last', 'studio.json'), 'utf8'));
    expect(metadata).toMatchObject({
      labelKind: 'binary',
      classNames: ['Background', 'Foreground'],
      tile: 60,
    });

    // A bad file in the input folder is reported and skipped; the rest are written.
    writeFileSync(join(data.images, 'broken.tif'), 'not a tiff');
    const out = join(work, 'masks');
    const segment = cli(
      'segment',
      '--model',
      model,
      '--in',
      data.images,
      '--out',
      out,
      '--backend',
      'cpu',
    );
    rmSync(join(data.images, 'broken.tif'));
    expect(segment.code).toBe(2);
    expect(segment.stderr).toMatch(/broken\.tif: /);
    expect(readdirSync(out).sort()).toEqual(['0.tif', '1.tif', '2.tif']);
    for (const name of readdirSync(out)) {
      const mask = decodeImage(new Uint8Array(readFileSync(join(out, name))), name);
      expect([mask.width, mask.height, mask.bitDepth, mask.channels]).toEqual([SIZE, SIZE, 8, 1]);
      expect(new Set(mask.data).size).toBeLessThanOrEqual(2);
      for (const value of new Set(mask.data)) expect([0, 255]).toContain(value);
    }
  }, 300_000);
});

describe('a killed compute process', () => {
  it('fails the training request with a clear error, and resume continues from the last checkpoint', async () => {
    const outDir = join(work, 'killed');
    const request: TrainJobRequest = {
      imagesDir: data.images,
      labelsDir: data.labels,
      labelKind: 'binary',
      ...tiny,
      steps: 100_000,
      seed: 3,
      validateEvery: 1_000,
      checkpointEvery: 4,
      outDir,
      resume: false,
    };
    const client = new ComputeClient({ entry: COMPUTE_ENTRY });
    try {
      let killedAt = 0;
      const training = client.request<TrainJobResult, TrainJobProgress>('train', request, {
        onProgress: (progress) => {
          if (progress.step >= 9 && killedAt === 0) {
            killedAt = progress.step;
            process.kill(client.pid!, 'SIGKILL');
          }
        },
      });
      await expect(training).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringMatching(/compute process stopped unexpectedly/i),
      });
      expect(killedAt).toBeGreaterThanOrEqual(9);
      const saved = JSON.parse(readFileSync(join(outDir, 'last', 'studio.json'), 'utf8'));
      expect(saved.training.step).toBe(8);

      let firstStep = 0;
      const resumed = await client.request<TrainJobResult, TrainJobProgress>(
        'train',
        { ...request, steps: 12, resume: true },
        { onProgress: (p) => (firstStep ||= p.step) },
      );
      expect(firstStep).toBeGreaterThan(8);
      expect(resumed).toMatchObject({ status: 'completed', steps: 12 });
      expect(
        JSON.parse(readFileSync(join(outDir, 'last', 'studio.json'), 'utf8')).training.step,
      ).toBe(12);
    } finally {
      await client.dispose();
    }
  }, 300_000);
});
