// Fuzzing the TIFF, PNG and JPEG readers: thousands of damaged copies of real and fixture files,
// each decoded in a worker process with a time limit and a memory cap. Every case must end in a
// sound raster or an ImageReadError with a plain reason; a hang, a crash, runaway memory, any
// other exception or a broken raster fails the test and prints how to rebuild that one case.
//
// STUDIO_FUZZ_CASES (default 2000), STUDIO_FUZZ_SEED, STUDIO_FUZZ_CASE (one case only),
// STUDIO_FUZZ_TIMEOUT_MS (default 2000) and STUDIO_FUZZ_WORKERS (default 2) tune a run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Format } from '../../../support/fuzz-fields';
import { fuzzSettings, loadSeeds, makeCase, type FuzzCase, type SeedFile } from './cases';
import { DecodeWorker } from './decode-worker';
import type { CaseOutcome } from './protocol';
import { findingOf } from './verdict';

const settings = fuzzSettings(process.env);
/** Far above what a sound decode of any seed needs (the largest is a 696 x 520 RGBA PNG). */
const LIMITS = { heapMiB: 512, rssCapMiB: 1024 };
const REPRO_DIR = join(tmpdir(), 'studio-fuzz');

interface Tally {
  decoded: Record<Format, number>;
  refused: Record<Format, number>;
  findings: string[];
}

function reproducer(c: FuzzCase, problem: string): string {
  mkdirSync(REPRO_DIR, { recursive: true });
  const saved = join(REPRO_DIR, `seed${settings.seed}-${c.fileName}`);
  writeFileSync(saved, c.bytes);
  return [
    `case ${c.caseNumber} from ${c.seed.name}: ${c.steps.join('; ')}`,
    `  ${problem}`,
    `  rerun: STUDIO_FUZZ_SEED=${settings.seed} STUDIO_FUZZ_CASE=${c.caseNumber} ` +
      'npx vitest run test/integration/imaging/fuzz',
    `  file: ${saved}`,
  ].join('\n');
}

async function runCases(seeds: SeedFile[], numbers: number[]): Promise<Tally> {
  const tally: Tally = {
    decoded: { tiff: 0, png: 0, jpeg: 0 },
    refused: { tiff: 0, png: 0, jpeg: 0 },
    findings: [],
  };
  const workers = Array.from(
    { length: settings.workers },
    () => new DecodeWorker({ ...LIMITS, timeoutMs: settings.timeoutMs }),
  );
  let next = 0;
  const lane = async (worker: DecodeWorker) => {
    while (next < numbers.length) {
      const c = makeCase(seeds, settings.seed, numbers[next++]!);
      const request = { caseNumber: c.caseNumber, fileName: c.fileName, bytes: c.bytes };
      let outcome: CaseOutcome = await worker.decode(request);
      // A busy machine can stall one case; a real hang times out again in a fresh worker.
      if (outcome.kind === 'timeout') outcome = await worker.decode(request);
      if (outcome.kind === 'raster') tally.decoded[c.seed.format]++;
      if (outcome.kind === 'refused') tally.refused[c.seed.format]++;
      const problem = findingOf(outcome, c.fileName);
      if (problem) tally.findings.push(reproducer(c, problem));
    }
  };
  try {
    await Promise.all(workers.map(lane));
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  return tally;
}

describe('fuzz: damaged TIFF, PNG and JPEG files', () => {
  const seeds = loadSeeds();
  const numbers =
    settings.only === null ? Array.from({ length: settings.cases }, (_, i) => i) : [settings.only];

  it(
    `${numbers.length} damaged files each decode to a sound raster or a plain refusal`,
    async () => {
      const tally = await runCases(seeds, numbers);
      const { findings } = tally;
      const shown = findings.slice(0, 10).join('\n\n');
      expect(findings.length ? `${findings.length} findings; the first:\n\n${shown}` : '').toBe('');
      if (numbers.length >= 500) {
        // The damage must reach the decoders of every format: some copies still decode and some
        // are refused. All refusals would mean the mutator only ever breaks the signature.
        // (Not asked of a rerun of one case.)
        for (const format of ['tiff', 'png', 'jpeg'] as const) {
          expect(tally.decoded[format], `${format} copies that decoded`).toBeGreaterThan(10);
          expect(tally.refused[format], `${format} copies that were refused`).toBeGreaterThan(10);
        }
      }
    },
    Math.max(120_000, numbers.length * 100),
  );
});
