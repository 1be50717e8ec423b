// Where the compute process's entry lives when running from source (CLI, browser mode, tests).
// A bundled Electron build passes its own built entry instead.
import { resolve } from 'node:path';

export const SOURCE_COMPUTE_ENTRY = resolve(import.meta.dirname, '../engine/compute-entry.ts');
