// Child process for label-durability.test.ts: opens the project in argv[2] and writes label
// tiles step after step, printing "ack N" only after writeLabelTiles(N) has returned, until it
// is killed. It carries on from the stored revision, so repeated runs continue one stream.
import { writeSync } from 'node:fs';
import { ProjectStore } from '../../../src-main/store';
import { tilesForStep } from './durability-plan';

const MAX_STEPS = 50_000; // a safety net should the parent die without killing us
const DEADLINE = Date.now() + 60_000;

/** Straight to fd 1, synchronously: no ack may sit in a stream buffer when the kill lands. */
function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
    }
  }
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: label-writer.child.ts <project dir>');
const store = ProjectStore.open(dir);
const [image] = store.listImages();
if (!image) throw new Error('the project has no image');
let step = store.readLabelMap(image.id, 0).revision;
say(`start ${step}`);
while (step < MAX_STEPS && Date.now() < DEADLINE) {
  step++;
  store.writeLabelTiles(image.id, 0, tilesForStep(step));
  say(`ack ${step}`);
}
store.close();
