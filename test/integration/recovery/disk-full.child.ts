// Child process for disk-full.test.ts. It runs inside its own mount namespace where argv[2] is a
// small tmpfs (the parent starts it under `unshare`), so "the disk" really fills up, and prints
// one JSON report of what it saw. Steps: save a project, a model and a mask; fill the disk to
// within a few hundred KB; keep painting until a save fails; try to save a model and a mask; then
// reopen the project, free space and save again.
import { mkdir, open, readdir, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadCheckpoint, saveCheckpoint } from '../../../src-main/engine/checkpoint/checkpoint-io';
import { buildUNet } from '../../../src-main/engine/network/build-unet';
import { readImageFile } from '../../../src-main/imaging/decode';
import { writeTiffFile } from '../../../src-main/imaging/tiff-write';
import { ProjectStore, type TileWrite } from '../../../src-main/store';
import { sayNow } from '../../support/child-lines';
import { checkpointMetadata, TINY_UNET } from './recovery-fixtures';

const disk = process.argv[2]!;
const projectDir = join(disk, 'project');
const modelDir = join(projectDir, 'models', 'run-1', 'last');
const maskPath = join(disk, 'masks', 'cells.tif');
const SIDE = 2048;
const report: Record<string, unknown> = {};

let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
/** A revision that paints every tile with incompressible-ish class values 0..2. */
function paint(): TileWrite[] {
  const tiles: TileWrite[] = [];
  for (let ty = 0; ty < SIDE / 256; ty++)
    for (let tx = 0; tx < SIDE / 256; tx++)
      tiles.push({
        tx,
        ty,
        data: Uint8Array.from({ length: 256 * 256 }, () => (random() * 3) | 0),
      });
  return tiles;
}
const sameTiles = (store: ProjectStore, imageId: number, tiles: TileWrite[]) =>
  tiles.every((t) => Buffer.from(store.readLabelTile(imageId, 0, t.tx, t.ty)!).equals(t.data));
const describe = (error: unknown) => ({
  code: String((error as { code?: unknown }).code),
  message: error instanceof Error ? error.message : String(error),
});

async function fillDisk(): Promise<number> {
  const filler = join(disk, 'filler.bin');
  const handle = await open(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 7);
  let size = 0;
  try {
    for (;;) size += (await handle.write(chunk)).bytesWritten;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  // Nearly full: leave 512 KB, enough to start a save but not to finish many.
  await truncate(filler, Math.max(0, size - 512 * 1024));
  return size;
}

await tf.setBackend('cpu');
const store = ProjectStore.create(projectDir);
const imageId = store.addImage({
  sourcePath: '/data/large.tif',
  contentHash: 'cd'.repeat(32),
  fileSize: 1,
  fileMtimeMs: 1,
  width: SIDE,
  height: SIDE,
  pages: 1,
  channels: 1,
  bitDepth: 16,
  sampleFormat: 'uint',
  displayLow: 0,
  displayHigh: 1,
  thumbnail: { width: 1, height: 1, rgba: new Uint8Array(4) },
}).id;
const model = buildUNet(tf, TINY_UNET, 44, 3);
await saveCheckpoint(tf, modelDir, model, checkpointMetadata(1));
await mkdir(join(disk, 'masks'));
await writeTiffFile(maskPath, { width: 512, height: 512, data: new Uint8Array(512 * 512).fill(1) });

report.fillerBytes = await fillDisk();
let acknowledged: { revision: number; tiles: TileWrite[] } | undefined;
for (let attempt = 0; attempt < 40 && report.labelError === undefined; attempt++) {
  const tiles = paint();
  try {
    const { revision } = store.writeLabelTiles(imageId, 0, tiles);
    acknowledged = { revision, tiles };
  } catch (error) {
    report.labelError = describe(error);
  }
}
report.acknowledgedRevision = acknowledged?.revision ?? 0;
report.storedRevision = store.readLabelMap(imageId, 0).revision;
report.acknowledgedTilesIntact = acknowledged
  ? sameTiles(store, imageId, acknowledged.tiles)
  : null;
report.integrityWhileFull = store.integrityCheck();

try {
  await saveCheckpoint(tf, modelDir, model, checkpointMetadata(2));
  report.checkpointError = null;
} catch (error) {
  report.checkpointError = describe(error);
}
const kept = await loadCheckpoint(tf, modelDir);
report.checkpointStepKept = kept.metadata.training.step;
kept.model.dispose();
report.modelFolderEntries = (await readdir(join(projectDir, 'models', 'run-1'))).sort();

try {
  await writeTiffFile(maskPath, {
    width: 2048,
    height: 2048,
    data: new Uint8Array(2048 * 2048).fill(2),
  });
  report.maskError = null;
} catch (error) {
  report.maskError = describe(error);
}
const mask = (await readImageFile(maskPath)).raster;
report.maskKept = { width: mask.width, value: mask.data[0] };
report.maskFolderEntries = (await readdir(join(disk, 'masks'))).sort();

// Closed and reopened while the disk is still full, as after a crash or a restart.
store.close();
try {
  const reopened = ProjectStore.open(projectDir);
  report.reopenedWhileFull = {
    revision: reopened.readLabelMap(imageId, 0).revision,
    integrity: reopened.integrityCheck(),
  };
  reopened.close();
} catch (error) {
  report.reopenedWhileFull = describe(error);
}

// Space freed: everything works again, and the next save follows the last acknowledged one.
await rm(join(disk, 'filler.bin'));
const after = ProjectStore.open(projectDir);
const tiles = paint();
report.revisionAfterFreeing = after.writeLabelTiles(imageId, 0, tiles).revision;
report.integrityAfterFreeing = after.integrityCheck();
after.close();
await saveCheckpoint(tf, modelDir, model, checkpointMetadata(3));
const saved = await loadCheckpoint(tf, modelDir);
report.checkpointStepAfterFreeing = saved.metadata.training.step;

sayNow(JSON.stringify(report));
process.exit(0);
