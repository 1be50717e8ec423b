// What the workflow tests share: a session with the real handlers and compute process, a tiny
// U-Net trained for a few steps by the real `train` job on crops of nucleus images (the way the
// CLI trains), and projects holding that model as the training service registers one.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, EventOf } from '../../../../src-preload/contract';
import type { TrainJobRequest, TrainJobResult } from '../../../../src-main/engine/jobs/job-types';
import { decodeImage } from '../../../../src-main/imaging/decode';
import { encodeTiff } from '../../../../src-main/imaging/tiff-write';
import type { HandlerContext } from '../../../../src-main/ipc/dispatcher';
import { createHandlers } from '../../../../src-main/services/handlers';
import type { StudioSession } from '../../../../src-main/services/studio-session';
import { DSB_IMAGES, DSB_LABELS } from '../../../support/paths';

/** Three nucleus images of the shared data set (696 x 520, gray stored as RGBA). */
export const NUCLEI = [
  '449a9c32e53a37c8a86e01c199155c8da3958b631088e10f6fe43c2119defe51',
  'b24ea5c268469a95ed155eeaf809e36030b78a2eb530a0cb2380cdc1ccdb7dd1',
  'da31f2aa8601afec5c45180a2c448cb9c4a8ec7b35e75190d6ba3588f69058c8',
];
export const WIDTH = 696;
export const HEIGHT = 520;

export interface Recorded {
  event: EventName;
  payload: unknown;
}

/** The handlers as a window calls them, with every event they emit recorded in `events`. */
export function connect(session: StudioSession) {
  const events: Recorded[] = [];
  const context: HandlerContext = {
    sender: { transport: 'browser', url: '', authenticated: true },
    emit: (event, payload) => events.push({ event, payload }),
  };
  const handlers = createHandlers(session, {
    appInfo: { mode: 'browser', version: 'test', platform: 'linux', canPickFolders: false },
  });
  return { handlers, context, events };
}

export function eventsOf<E extends EventName>(events: Recorded[], name: E): EventOf<E>[] {
  return events.filter((e) => e.event === name).map((e) => e.payload as EventOf<E>);
}

/** Resolves when `check` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition.');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A folder with copies of the nucleus images (names n-0.png, n-1.png, ...). */
export function nucleiFolder(dir: string, count = NUCLEI.length): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const name = `n-${i}.png`;
    cpSync(join(DSB_IMAGES, `${NUCLEI[i % NUCLEI.length]}.png`), join(dir, name));
    return name;
  });
}

/** 96 x 96 crops of two images and their nuclei, as 8-bit TIFFs the train job pairs by name. */
function trainingCrops(work: string): { imagesDir: string; labelsDir: string } {
  const imagesDir = join(work, 'train-images');
  const labelsDir = join(work, 'train-labels');
  mkdirSync(imagesDir, { recursive: true });
  mkdirSync(labelsDir, { recursive: true });
  const size = 96;
  for (const id of NUCLEI.slice(0, 2)) {
    const image = decodeImage(new Uint8Array(readFileSync(join(DSB_IMAGES, `${id}.png`))), 'i.png');
    const labels = decodeImage(
      new Uint8Array(readFileSync(join(DSB_LABELS, `${id}.tif`))),
      'l.tif',
    );
    const crop = (raster: typeof image, map: (v: number) => number) =>
      Uint8Array.from({ length: size * size }, (_, i) => {
        const x = (i % size) + 200;
        const y = Math.floor(i / size) + 150;
        return map(raster.data[(y * raster.width + x) * raster.channels]!);
      });
    const name = `${id.slice(0, 8)}.tif`;
    writeFileSync(
      join(imagesDir, name),
      encodeTiff({ width: size, height: size, data: crop(image, (v) => v) }),
    );
    writeFileSync(
      join(labelsDir, name),
      encodeTiff({ width: size, height: size, data: crop(labels, (v) => (v > 0 ? 255 : 0)) }),
    );
  }
  return { imagesDir, labelsDir };
}

/** Trains filters 2, depth 2 for 4 steps; returns the model folder (best/ and last/). */
export async function trainTinyModel(session: StudioSession, work: string): Promise<string> {
  const outDir = join(work, 'tiny-model');
  const request: TrainJobRequest = {
    ...trainingCrops(work),
    labelKind: 'binary',
    preset: 'cpu',
    filters: 2,
    depth: 2,
    tile: 60,
    steps: 4,
    seed: 7,
    backend: 'cpu',
    validateEvery: 1_000,
    checkpointEvery: 1_000,
    outDir,
    resume: false,
  };
  const result = await session.compute.request<TrainJobResult>('train', request);
  if (result.status !== 'completed')
    throw new Error(`The fixture model did not train: ${result.status}`);
  return outDir;
}

/**
 * Registers a copy of `modelDir` in the open project as the training service does: its folder
 * is models/run-<n>/model, beside the run's snapshot/.
 */
export function addModel(
  session: StudioSession,
  modelDir: string,
  options: {
    name?: string;
    run?: string;
    manifest?: unknown;
    metrics?: unknown;
    config?: Record<string, unknown>;
  } = {},
) {
  const run = options.run ?? 'run-1';
  const relative = `models/${run}/model`;
  cpSync(modelDir, join(session.store.dir, relative), { recursive: true });
  if (options.manifest !== undefined) {
    const snapshot = join(session.store.dir, 'models', run, 'snapshot');
    mkdirSync(snapshot, { recursive: true });
    writeFileSync(join(snapshot, 'manifest.json'), JSON.stringify(options.manifest));
  }
  return session.store.createModel({
    name: options.name ?? 'Tiny',
    dir: relative,
    config: options.config ?? { preset: 'cpu', filters: 2, depth: 2 },
    ...(options.metrics !== undefined ? { metrics: options.metrics } : {}),
  });
}
