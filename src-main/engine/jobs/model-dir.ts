import { join } from 'node:path';
import { readableDirectory } from '../checkpoint/atomic-dir';
import { BEST, LAST } from '../train/run-training';

/**
 * A model folder from `train --out` holds `best/` and `last/`; prediction uses the best one.
 * A checkpoint folder itself (holding studio.json) is accepted too.
 */
export function checkpointToUse(modelDir: string): string {
  for (const candidate of [join(modelDir, BEST), join(modelDir, LAST), modelDir]) {
    if (readableDirectory(candidate)) return candidate;
  }
  throw new Error(`${modelDir} holds no trained model (no best/ or last/ checkpoint).`);
}
