// Child process for kill-during-write.test.ts: writes, version after version, either a model
// checkpoint (`checkpoint DIR FIRST`: every weight of a small U-Net set to the version, studio.json
// step = version) or a TIFF mask (`mask FILE FIRST`: every pixel = version mod 256, size growing
// with the version), printing "ack N" only once write N has returned, until it is killed.
import * as tf from '@tensorflow/tfjs';
import { saveCheckpoint } from '../../../src-main/engine/checkpoint/checkpoint-io';
import { buildUNet } from '../../../src-main/engine/network/build-unet';
import { writeTiffFile } from '../../../src-main/imaging/tiff-write';
import { checkpointMetadata, maskSide, TINY_UNET } from './recovery-fixtures';
import { sayNow as say } from '../../support/child-lines';

const DEADLINE = Date.now() + 60_000; // a safety net should the parent die without killing us

const [mode, target, first] = process.argv.slice(2);
if (!mode || !target || !first) throw new Error('usage: result-writer.child.ts MODE TARGET FIRST');
let version = Number(first);

if (mode === 'checkpoint') {
  await tf.setBackend('cpu');
  const model = buildUNet(tf, TINY_UNET, 44, 3);
  say('ready');
  while (Date.now() < DEADLINE) {
    const weights = model.getWeights().map((w) => tf.fill(w.shape, version));
    model.setWeights(weights);
    tf.dispose(weights);
    await saveCheckpoint(tf, target, model, checkpointMetadata(version));
    say(`ack ${version}`);
    version++;
  }
} else if (mode === 'mask') {
  say('ready');
  while (Date.now() < DEADLINE) {
    const side = maskSide(version);
    await writeTiffFile(target, {
      width: side,
      height: side,
      data: new Uint8Array(side * side).fill(version % 256),
    });
    say(`ack ${version}`);
    version++;
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.exit(0);
