// The app killed while it writes a model checkpoint or a mask: what is on disk afterwards is
// always a whole earlier or the whole next version under the real name, never a torn file, and
// the folder listing never offers a leftover temporary file as an image. Each kill lands a random
// few milliseconds after an acknowledged write, i.e. anywhere inside the next one.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../../src-main/engine/checkpoint/checkpoint-io';
import { readImageFile } from '../../../src-main/imaging/decode';
import { listImageFiles } from '../../../src-main/services/folder-listing';
import { onLines } from '../../support/child-lines';
import { maskSide } from './recovery-fixtures';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./result-writer.child.ts', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'studio-kill-write-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Killed {
  lastAck: number;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer from `first` and SIGKILLs it `delayMs` after its `killAfter`-th ack. */
function writeUntilKilled(
  mode: 'checkpoint' | 'mask',
  target: string,
  first: number,
  killAfter: number,
  delayMs: number,
): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, target, String(first)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Killed = { lastAck: first - 1, signal: null, stderr: '' };
    let acks = 0;
    onLines(child.stdout, (line) => {
      const [word, value] = line.split(' ');
      if (word !== 'ack') return;
      run.lastAck = Number(value);
      if (++acks === killAfter) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (run.stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ ...run, signal }));
  });
}

/** Deterministic delays spread over a write (a few ms for a checkpoint, more for a big mask). */
const delays = (count: number, maxMs: number) =>
  Array.from({ length: count }, (_, i) => Math.round((((i * 7919) % 101) / 100) * maxMs));

describe('killed while writing a model checkpoint', () => {
  it('always leaves one whole checkpoint, the last acknowledged or the next', async () => {
    const dir = join(work, 'models', 'run-1', 'last');
    let next = 1;
    for (const delay of delays(6, 12)) {
      const run = await writeUntilKilled('checkpoint', dir, next, 3, delay);
      expect(run.stderr).not.toMatch(/Error/); // (tfjs prints a notice about tfjs-node)
      expect(run.signal).toBe('SIGKILL');
      expect(run.lastAck).toBeGreaterThanOrEqual(next + 2);
      const loaded = await loadCheckpoint(tf, dir);
      const step = loaded.metadata.training.step;
      expect([run.lastAck, run.lastAck + 1]).toContain(step);
      // Weights and metadata come from the same write: every weight equals the step.
      for (const weight of loaded.model.getWeights()) {
        const values = new Set(await weight.data());
        expect([...values]).toEqual([step]);
      }
      loaded.model.dispose();
      next = step + 1;
    }
  }, 120_000);
});

describe('killed while writing a mask', () => {
  it('leaves the last acknowledged or the next mask whole, and lists no temporary file', async () => {
    const folder = join(work, 'masks');
    const target = join(folder, 'cells.tif');
    mkdirSync(folder, { recursive: true });
    let next = 1;
    for (const delay of delays(6, 25)) {
      const run = await writeUntilKilled('mask', target, next, 3, delay);
      expect(run.stderr).not.toMatch(/Error/); // (tfjs prints a notice about tfjs-node)
      expect(run.signal).toBe('SIGKILL');
      expect(run.lastAck).toBeGreaterThanOrEqual(next + 2);
      const { raster } = await readImageFile(target);
      const version = raster.width === maskSide(run.lastAck) ? run.lastAck : run.lastAck + 1;
      expect(raster.width).toBe(maskSide(version));
      expect(raster.height).toBe(maskSide(version));
      expect(new Set(raster.data)).toEqual(new Set([version % 256]));
      // Whatever the kill left behind is hidden and never offered as an image.
      for (const name of readdirSync(folder)) if (name !== 'cells.tif') expect(name).toMatch(/^\./);
      expect(await listImageFiles(folder)).toEqual([target]);
      next = version + 1;
    }
  }, 120_000);
});
