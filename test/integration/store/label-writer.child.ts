// Child process for label-durability.test.ts: opens the project in argv[2] and writes label
// tiles step after step, printing "ack N" only after writeLabelTiles(N) has returned, until it
// is killed. It carries on from the stored revision, so repeated runs continue one stream.
import { ProjectStore } from '../../../src-main/store';
import { tilesForStep } from './durability-plan';
import { sayNow as say } from '../../support/child-lines';

const MAX_STEPS = 50_000; // a safety net should the parent die without killing us
const DEADLINE = Date.now() + 60_000;

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
