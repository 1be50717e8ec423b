// The fuzz run's inputs: its settings (from the environment), the seed files it damages and the
// one function that turns (run seed, case number) into a damaged file, so a reported case can be
// rebuilt exactly.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Format } from '../../../support/fuzz-fields';
import { mutate } from '../../../support/fuzz-mutate';
import { caseSeed, seededRandom } from '../../../support/fuzz-random';
import { DSB_IMAGES, DSB_LABELS, ISBI_IMAGES } from '../../../support/paths';
import { FIXTURES } from '../../../unit/imaging/helpers/fixtures';

export interface FuzzSettings {
  cases: number;
  seed: number;
  /** Only this case, to reproduce a failure; null runs them all. */
  only: number | null;
  timeoutMs: number;
  workers: number;
}

/** A CI run: about 8 s on two busy cores. Raise STUDIO_FUZZ_CASES for longer local runs. */
const DEFAULTS: FuzzSettings = {
  cases: 3000,
  seed: 20_240_607,
  only: null,
  timeoutMs: 2000,
  workers: 2,
};

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`${name} must be a whole number, not "${text}"`);
  }
  return n;
}

export function fuzzSettings(env: NodeJS.ProcessEnv): FuzzSettings {
  const only = env.STUDIO_FUZZ_CASE ? whole(env, 'STUDIO_FUZZ_CASE', 0) : null;
  return {
    cases: whole(env, 'STUDIO_FUZZ_CASES', DEFAULTS.cases),
    seed: whole(env, 'STUDIO_FUZZ_SEED', DEFAULTS.seed),
    only,
    timeoutMs: whole(env, 'STUDIO_FUZZ_TIMEOUT_MS', DEFAULTS.timeoutMs),
    workers: Math.max(1, whole(env, 'STUDIO_FUZZ_WORKERS', DEFAULTS.workers)),
  };
}

export interface SeedFile {
  name: string;
  format: Format;
  bytes: Uint8Array;
}

const FORMATS: Readonly<Record<string, Format>> = { '.tif': 'tiff', '.png': 'png', '.jpg': 'jpeg' };

function seedFrom(path: string, name: string): SeedFile {
  return { name, format: FORMATS[extname(path)]!, bytes: new Uint8Array(readFileSync(path)) };
}

/**
 * Every committed image fixture (the refused ones too: their damage starts from another
 * place), in a fixed order, plus one real file of each kind from the studio's data sets.
 */
export function loadSeeds(): SeedFile[] {
  const seeds: SeedFile[] = [];
  for (const dir of [FIXTURES, join(FIXTURES, 'odd')]) {
    for (const file of readdirSync(dir).sort()) {
      const path = join(dir, file);
      if (FORMATS[extname(file)]) seeds.push(seedFrom(path, relative(FIXTURES, path)));
    }
  }
  const first = (dir: string, ext: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .sort()[0]!;
  for (const [dir, ext, label] of [
    [ISBI_IMAGES, '.png', 'isbi2012-em'],
    [DSB_IMAGES, '.png', 'dsb2018-nuclei image'],
    [DSB_LABELS, '.tif', 'dsb2018-nuclei labels'],
  ] as const) {
    const file = first(dir, ext);
    seeds.push(seedFrom(join(dir, file), `${label} ${file}`));
  }
  return seeds;
}

export interface FuzzCase {
  caseNumber: number;
  seed: SeedFile;
  steps: string[];
  bytes: Uint8Array;
  fileName: string;
}

const EXTENSIONS: Readonly<Record<Format, string>> = { tiff: 'tif', png: 'png', jpeg: 'jpg' };

export function makeCase(
  seeds: readonly SeedFile[],
  runSeed: number,
  caseNumber: number,
): FuzzCase {
  const random = seededRandom(caseSeed(runSeed, caseNumber));
  const seed = random.pick(seeds);
  const { bytes, steps } = mutate(seed.bytes, seed.format, random);
  return {
    caseNumber,
    seed,
    steps,
    bytes,
    fileName: `case-${caseNumber}.${EXTENSIONS[seed.format]}`,
  };
}
