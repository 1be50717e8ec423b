// `npm run bench -- --large [--side N] [--filters N] [--json]`: the large-image path measured
// end to end on a generated 16-bit image (default 16384 x 16384, 512 MB of pixels): import,
// view (open: decode and pyramid; then screens at every zoom level), paint (a 2048 x 2048 area
// saved in tiles), and segment (predict with the cpu preset's network, write the TIFF mask).
// Each phase runs in its own process and reports its peak resident memory; what the table calls
// "beyond the image" is that peak less the process's resting memory and the image's own bytes.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { saveCheckpoint } from '../engine/checkpoint/checkpoint-io';
import { buildUNet } from '../engine/network/build-unet';
import { PRESETS, type UNetConfig } from '../engine/network/unet-config';
import { DEFAULT_NORMALISATION } from '../engine/predict/normalise';
import { writeTiffFile } from '../imaging/tiff-write';
import type { PhaseRequest, PhaseResult } from './large-image-phase';

const run = promisify(execFile);

/** Nuclei-like discs on a noisy background, as a 16-bit camera would record them. */
function syntheticNuclei(side: number): Uint16Array {
  const data = new Uint16Array(side * side);
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < data.length; i++) data[i] = 900 + ((random() * 200) | 0);
  const discs = Math.round((side * side) / 4000);
  for (let d = 0; d < discs; d++) {
    const cx = random() * side;
    const cy = random() * side;
    const r = 6 + random() * 10;
    const level = 2500 + random() * 1500;
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(side, Math.ceil(cy + r)); y++)
      for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(side, Math.ceil(cx + r)); x++)
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r)
          data[y * side + x] = level + ((random() * 200) | 0);
  }
  return data;
}

async function saveUntrainedModel(dir: string, filters: number): Promise<void> {
  await tf.setBackend('cpu');
  const network: UNetConfig = { ...PRESETS.cpu.network, filters, inputChannels: 1, numClasses: 2 };
  const model = buildUNet(tf, network, PRESETS.cpu.tile, 1);
  await saveCheckpoint(tf, dir, model, {
    format: 'unet-studio-model',
    version: 1,
    network,
    tile: PRESETS.cpu.tile,
    classNames: ['Background', 'Foreground'],
    labelKind: 'binary',
    normalisation: DEFAULT_NORMALISATION,
    training: { step: 0, seed: 1, config: {}, history: [] },
    backend: 'cpu',
    savedAt: new Date().toISOString(),
  });
  model.dispose();
}

async function runPhase(request: PhaseRequest): Promise<PhaseResult> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = resolve(import.meta.dirname, 'large-image-phase.ts');
  const { stdout } = await run(
    process.execPath,
    ['--import', tsx, child, JSON.stringify(request)],
    {
      maxBuffer: 1 << 20,
      timeout: 60 * 60 * 1000,
    },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`phase ${request.phase} printed no result`);
  return JSON.parse(line) as PhaseResult;
}

export async function runLargeImageBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      large: { type: 'boolean' },
      side: { type: 'string', default: '16384' },
      filters: { type: 'string', default: String(PRESETS.cpu.network.filters) },
      json: { type: 'boolean', default: false },
    },
  });
  const side = Number(values.side);
  const filters = Number(values.filters);
  if (!Number.isInteger(side) || side < 64 || !Number.isInteger(filters) || filters < 1) {
    throw new Error('--side and --filters take whole numbers (side at least 64).');
  }
  const work = mkdtempSync(join(tmpdir(), 'studio-large-bench-'));
  try {
    const paths: Omit<PhaseRequest, 'phase'> = {
      imagesDir: join(work, 'images'),
      projectDir: join(work, 'project'),
      modelDir: join(work, 'model'),
      outDir: join(work, 'masks'),
    };
    mkdirSync(paths.imagesDir);
    process.stderr.write(`Writing a ${side} x ${side} 16-bit image and an F=${filters} model...\n`);
    await writeTiffFile(join(paths.imagesDir, 'large.tif'), {
      width: side,
      height: side,
      data: syntheticNuclei(side),
    });
    await saveUntrainedModel(paths.modelDir, filters);
    const imageMb = (side * side * 2) / 2 ** 20;
    const rows: PhaseResult[] = [];
    for (const phase of ['import', 'view', 'paint', 'segment'] as const) {
      process.stderr.write(`${phase}...\n`);
      rows.push(await runPhase({ phase, ...paths }));
    }
    const beyondImage = (row: PhaseResult) =>
      row.peakRssMb -
      (row.computeBaselineRssMb ?? row.baselineRssMb) -
      (row.phase === 'paint' ? 0 : imageMb);
    if (values.json) {
      for (const row of rows)
        console.log(
          JSON.stringify({ ...row, side, filters, imageMb, beyondImageMb: beyondImage(row) }),
        );
      return;
    }
    console.log(
      `\nLarge image: ${side} x ${side} 16-bit (${imageMb.toFixed(0)} MB of pixels), U-Net F=${filters}\n`,
    );
    console.log('phase     seconds  peak RSS MB  beyond the image MB  details');
    for (const row of rows) {
      const details = Object.entries(row.details)
        .filter(([key]) => key !== 'outputFile')
        .map(([key, value]) => `${key} ${typeof value === 'number' ? value.toFixed(2) : value}`)
        .join(', ');
      console.log(
        `${row.phase.padEnd(8)} ${row.seconds.toFixed(1).padStart(8)} ${row.peakRssMb.toFixed(0).padStart(12)} ${beyondImage(row).toFixed(0).padStart(20)}  ${details}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
