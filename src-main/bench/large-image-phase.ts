// One phase of the large-image benchmark, run in its own process so that its peak memory
// (VmHWM) is its own: `import`, `view`, `paint` or `segment`. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComputeClient } from '../compute';
import { COMPUTE_ENTRY } from '../cli/compute-runner';
import type {
  SegmentJobProgress,
  SegmentJobRequest,
  SegmentJobResult,
} from '../engine/jobs/job-types';
import { importFolder } from '../services/import-images';
import { ImageAccess } from '../services/image-access';
import { ProjectStore } from '../store';

export interface PhaseRequest {
  phase: 'import' | 'view' | 'paint' | 'segment';
  imagesDir: string;
  projectDir: string;
  modelDir: string;
  outDir: string;
}

export interface PhaseResult {
  phase: PhaseRequest['phase'];
  /** Seconds of the phase's main work. */
  seconds: number;
  /** Peak resident memory of the process that did the work, and its resident memory before. */
  peakRssMb: number;
  baselineRssMb: number;
  /** The segment phase runs in the compute process: its resident memory before the job. */
  computeBaselineRssMb?: number;
  details: Record<string, number | string>;
}

/**
 * Peak and current resident memory of another process, in MB, from /proc (Linux): how the
 * compute process is measured. This process reads its own from Node (peakRssMb, as the engine
 * bench does).
 */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { peakMb: field('VmHWM'), rssMb: field('VmRSS') };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

const seconds = (since: number) => (performance.now() - since) / 1000;

async function importPhase(request: PhaseRequest): Promise<Omit<PhaseResult, 'baselineRssMb'>> {
  const store = ProjectStore.create(request.projectDir);
  const started = performance.now();
  const report = await importFolder(store, request.imagesDir);
  const took = seconds(started);
  store.close();
  if (report.added.length !== 1) throw new Error(`import failed: ${JSON.stringify(report.failed)}`);
  return { phase: 'import', seconds: took, peakRssMb: peakRssMb(), details: {} };
}

async function viewPhase(request: PhaseRequest): Promise<Omit<PhaseResult, 'baselineRssMb'>> {
  const store = ProjectStore.open(request.projectDir);
  const images = new ImageAccess(store);
  const [image] = store.listImages();
  if (!image) throw new Error('no image');
  const started = performance.now();
  // What opening the image costs: the overview, decoded file and pyramid included.
  const levels = (await images.region(image.id, 0, { level: 0, x: 0, y: 0, width: 1, height: 1 }))
    .levels;
  const top = levels - 1;
  await images.region(image.id, 0, { level: top, x: 0, y: 0, width: 2048, height: 2048 });
  const openSeconds = seconds(started);
  // Then screens of 1920 x 1080 at every level, as a person zooms and pans.
  const times: number[] = [];
  for (let level = 0; level < levels; level++) {
    for (const [fx, fy] of [
      [0.1, 0.1],
      [0.5, 0.5],
      [0.8, 0.3],
    ] as const) {
      const t = performance.now();
      const side = Math.ceil(image.width / 2 ** level);
      await images.region(image.id, 0, {
        level,
        x: Math.floor(fx * Math.max(0, side - 1920)),
        y: Math.floor(fy * Math.max(0, side - 1080)),
        width: 1920,
        height: 1080,
      });
      times.push(seconds(t) * 1000);
    }
  }
  store.close();
  times.sort((a, b) => a - b);
  return {
    phase: 'view',
    seconds: openSeconds,
    peakRssMb: peakRssMb(),
    details: {
      levels,
      screenMsMedian: times[Math.floor(times.length / 2)]!,
      screenMsMax: times.at(-1)!,
    },
  };
}

async function paintPhase(request: PhaseRequest): Promise<Omit<PhaseResult, 'baselineRssMb'>> {
  const store = ProjectStore.open(request.projectDir);
  const [image] = store.listImages();
  if (!image) throw new Error('no image');
  // A 2048 x 2048 area painted in 8 saves of 8 tiles (the autosave writes changed tiles only).
  const started = performance.now();
  let tiles = 0;
  const columns = Math.ceil(image.width / 256);
  const rows = Math.ceil(image.height / 256);
  const across = Math.min(8, columns);
  const tx0 = Math.floor((columns - across) / 2);
  const ty0 = Math.floor((rows - Math.min(8, rows)) / 2);
  for (let save = 0; save < Math.min(8, rows); save++) {
    const batch = Array.from({ length: across }, (_, i) => ({
      tx: tx0 + i,
      ty: ty0 + save,
      data: new Uint8Array(256 * 256).map((_, p) => ((p >> 4) + save) % 3),
    }));
    store.writeLabelTiles(image.id, 0, batch);
    tiles += batch.length;
  }
  const took = seconds(started);
  const readStarted = performance.now();
  store.readLabelMap(image.id, 0);
  const readSeconds = seconds(readStarted);
  store.close();
  return {
    phase: 'paint',
    seconds: took,
    peakRssMb: peakRssMb(),
    details: { tilesWritten: tiles, labelMapReadSeconds: readSeconds },
  };
}

async function segmentPhase(request: PhaseRequest): Promise<Omit<PhaseResult, 'baselineRssMb'>> {
  const client = new ComputeClient({ entry: COMPUTE_ENTRY });
  // The compute process at rest (started, nothing loaded) is the baseline of this phase.
  await client.request('backends', {});
  const computeBaseline = memoryOf(client.pid!).rssMb;
  const job: SegmentJobRequest = {
    modelDir: request.modelDir,
    inputDir: request.imagesDir,
    outDir: request.outDir,
    write: 'classes',
    tta: false,
    backend: 'auto',
  };
  const started = performance.now();
  let predicted = 0;
  let lastLine = 0;
  const result = await client.request<SegmentJobResult, SegmentJobProgress>('segment', job, {
    // The last tile reports fraction 1; the mask is then post-processed and written.
    onProgress: (progress) => {
      if (progress.imageFraction >= 1 && predicted === 0) predicted = seconds(started);
      if (Date.now() - lastLine > 10_000) {
        lastLine = Date.now();
        process.stderr.write(
          `  segment: ${(100 * progress.imageFraction).toFixed(0)}% of the tiles\n`,
        );
      }
    },
  });
  const took = seconds(started);
  const computeMemory = memoryOf(client.pid!);
  await client.dispose();
  if (result.written.length !== 1)
    throw new Error(`segment failed: ${JSON.stringify(result.failed)}`);
  const written = result.written[0]!;
  return {
    phase: 'segment',
    seconds: took,
    peakRssMb: computeMemory.peakMb,
    computeBaselineRssMb: computeBaseline,
    details: {
      predictSeconds: predicted,
      writeSeconds: took - predicted,
      engine: result.engine ?? 'unknown',
      tile: result.tile,
      maskMb: readFileSync(written).byteLength / 1e6,
      outputFile: join(request.outDir, written.split('/').pop()!),
    },
  };
}

const request = JSON.parse(process.argv[2]!) as PhaseRequest;
const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
const phases = { import: importPhase, view: viewPhase, paint: paintPhase, segment: segmentPhase };
const result = await phases[request.phase](request);
console.log(JSON.stringify({ ...result, baselineRssMb } satisfies PhaseResult));
process.exit(0);
